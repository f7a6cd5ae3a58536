namespace AligNet.Domain.Studies;

/// <summary>Where participants come from; decides which URL parameters identify them and where they return.</summary>
public enum RecruitmentSource
{
    DirectLink,
    Prolific,
    MTurk,
}

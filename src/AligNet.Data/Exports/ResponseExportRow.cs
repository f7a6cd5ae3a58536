namespace AligNet.Data.Exports;

/// <summary>
/// One trial with its response, flattened for export: the long format researchers load into R or pandas.
/// Stimuli are in the order shown (left, middle, right); indices are positions in the study's stimulus set.
/// </summary>
public sealed record ResponseExportRow(
    Guid StudyId,
    string Study,
    Guid SessionId,
    string Participant,
    string Source,
    string QcStatus,
    int TrialIndex,
    int Block,
    string Kind,
    Guid StimulusLeft,
    Guid StimulusMiddle,
    Guid StimulusRight,
    int IndexLeft,
    int IndexMiddle,
    int IndexRight,
    int? ChosenPosition,
    Guid? ChosenStimulus,
    double RtMs,
    double OnsetMs,
    double ResponseMs,
    string Input,
    bool FocusLost,
    int FullscreenExits,
    DateTimeOffset ReceivedAt,
    string OnsetMethod,
    string? Arm = null,
    Guid? TeacherVersionId = null);

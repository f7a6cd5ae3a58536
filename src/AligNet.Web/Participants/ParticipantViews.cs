using AligNet.Api.Contracts;
using AligNet.Data.Participation;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Web.Participants;

/// <summary>Turns stored sessions and trials into the participant API's messages.</summary>
public static class ParticipantViews
{
    public static string ImageUrl(Guid stimulusId) => $"/api/stimuli/{stimulusId}/image";

    public static SessionView Session(SessionProgress p)
    {
        var s = p.Session;
        var step = s.Status switch
        {
            SessionStatus.Completed => SessionStep.Completed,
            SessionStatus.Abandoned => SessionStep.Declined,
            _ when s.ConsentedAt is null => SessionStep.Consent,
            _ when p.NextTrialIndex == 0 => SessionStep.Instructions,
            _ => SessionStep.Trials,
        };
        var completion = SessionCompletion.For(p.Study, s) is { } c ? new CompletionView(c.Outcome.ToString(), c.Code, c.RedirectUrl) : null;
        return new SessionView(s.Id, p.Token, p.ExternalId, step, p.NextTrialIndex, p.TotalTrials, p.Study.PracticeTrials, Study(p.Study), completion);
    }

    public static StudyView Study(Study study) => new(
        study.Id, study.Name,
        StudyText.ToSafeHtml(study.ConsentMarkdown),
        StudyText.ToSafeHtml(study.InstructionsMarkdown),
        StudyText.ToSafeHtml(study.DebriefMarkdown),
        study.Blocks, study.BreakMaxSeconds, study.FixationMs, study.InterTrialIntervalMs, study.ChoiceFeedbackMs,
        study.ResponseTimeLimitMs, study.MinimumValidRtMs,
        [.. Enum.GetValues<InputModes>().Where(m => m is not (InputModes.None or InputModes.All) && study.Inputs.HasFlag(m)).Select(m => m.ToString())],
        study.RequireFullscreen);

    public static TrialView Trial(SessionReader.TrialRow t) => new(
        t.Id, t.Index, t.Block, t.Kind == TrialKind.Practice,
        [ImageUrl(t.Stimulus0), ImageUrl(t.Stimulus1), ImageUrl(t.Stimulus2)],
        t.Kind == TrialKind.Practice ? t.ExpectedPosition : null);
}

namespace AligNet.Api.Contracts;

/// <summary>
/// Opens or resumes a session. <see cref="Parameters"/> is the entry link's query string as the participant
/// arrived with it (PROLIFIC_PID, STUDY_ID, SESSION_ID, or workerId, assignmentId, hitId, turkSubmitTo);
/// <see cref="Token"/> is the secret of an earlier visit from this browser, if it kept one.
/// </summary>
public sealed record StartSessionRequest(IReadOnlyDictionary<string, string>? Parameters, string? Token);

/// <summary>Where the participant is in the flow; the client shows the matching screen after a reload.</summary>
public enum SessionStep
{
    Consent,
    Instructions,
    Trials,
    Completed,
    Declined,
}

public sealed record SessionView(
    Guid SessionId,
    /// <summary>The session's secret; returned only when a session is opened or resumed from the entry link.</summary>
    string? Token,
    /// <summary>The id the participant knows themselves by (their Prolific or MTurk id, or the one issued here).</summary>
    string ParticipantId,
    SessionStep Step,
    /// <summary>Index of the first trial without a stored response: where a reloaded page resumes.</summary>
    int NextTrialIndex,
    int TotalTrials,
    int PracticeTrials,
    StudyView Study,
    CompletionView? Completion);

/// <summary>What the browser needs to run the study: texts as sanitised HTML, timing and inputs.</summary>
public sealed record StudyView(
    Guid Id,
    string Name,
    string ConsentHtml,
    string InstructionsHtml,
    string DebriefHtml,
    int Blocks,
    int BreakMaxSeconds,
    int FixationMs,
    int InterTrialIntervalMs,
    int ChoiceFeedbackMs,
    int ResponseTimeLimitMs,
    int MinimumValidRtMs,
    IReadOnlyList<string> Inputs,
    bool RequireFullscreen);

public sealed record ConsentRequest(bool Accepted);

/// <summary>The code to give the recruitment platform, and where to send the participant (null: show the code only).</summary>
public sealed record CompletionView(string Outcome, string Code, string? RedirectUrl);

/// <summary>Ends the session as screened out (e.g. the device has none of the study's inputs); earns the screened-out code.</summary>
public sealed record ScreenOutRequest(string? Reason);

using AligNet.Domain.Participation;
using AligNet.Domain.Studies;

namespace AligNet.Data.Participation;

/// <summary>The code a finished session earns, and where its participant goes back to (PROTOCOL.md conventions).</summary>
public static class SessionCompletion
{
    public const string ProlificCompleteUrl = "https://app.prolific.com/submissions/complete";

    public sealed record Completion(SessionOutcome Outcome, string Code, string? RedirectUrl);

    public static Completion? For(Study study, ParticipantSession session)
    {
        if (session.Status != SessionStatus.Completed || session.Outcome is not { } outcome) return null;
        var code = outcome switch
        {
            SessionOutcome.ScreenedOut => study.ScreenedOutCode,
            SessionOutcome.FailedChecks => study.FailedChecksCode,
            _ => study.CompletionCode,
        };
        // A study without a separate code for an outcome falls back to the completion code rather than showing nothing.
        if (string.IsNullOrEmpty(code)) code = study.CompletionCode;
        var redirect = study.Recruitment switch
        {
            RecruitmentSource.Prolific when code.Length > 0 => $"{ProlificCompleteUrl}?cc={Uri.EscapeDataString(code)}",
            RecruitmentSource.MTurk when session.ReturnUrl is not null && session.ExternalSessionId is not null =>
                $"{session.ReturnUrl.TrimEnd('/')}/mturk/externalSubmit?assignmentId={Uri.EscapeDataString(session.ExternalSessionId)}&code={Uri.EscapeDataString(code)}",
            _ => null,
        };
        return new Completion(outcome, code, redirect);
    }
}

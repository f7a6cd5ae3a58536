using AligNet.Domain.Studies;

namespace AligNet.Data.Participation;

/// <summary>
/// Who a participant is, read from the entry link's query parameters according to the study's recruitment
/// source (PROTOCOL.md): Prolific's PROLIFIC_PID, STUDY_ID, SESSION_ID; MTurk's workerId, assignmentId, hitId,
/// turkSubmitTo; or, for a direct link, an anonymous id issued here.
/// </summary>
public sealed record RecruitmentIdentity(string ExternalId, string? ExternalSessionId, string? ExternalStudyId, string? ReturnUrl)
{
    public const string MTurkPreviewAssignment = "ASSIGNMENT_ID_NOT_AVAILABLE";
    private const int MaxLength = 128;

    public static RecruitmentIdentity From(RecruitmentSource source, IReadOnlyDictionary<string, string>? parameters)
    {
        string? Get(string name) => parameters is not null && parameters.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        string Required(string name, string platform) => Checked(name, Get(name))
            ?? throw new ParticipationException(ParticipationError.Invalid,
                $"The link lacks {name}. Open the study from {platform} again, or ask the researcher for the correct link.");

        switch (source)
        {
            case RecruitmentSource.Prolific:
                return new RecruitmentIdentity(Required("PROLIFIC_PID", "Prolific"), Checked("SESSION_ID", Get("SESSION_ID")), Checked("STUDY_ID", Get("STUDY_ID")), null);
            case RecruitmentSource.MTurk:
                var assignment = Get("assignmentId");
                if (assignment == MTurkPreviewAssignment)
                {
                    throw new ParticipationException(ParticipationError.Conflict, "This is a preview. Accept the HIT on Mechanical Turk to start the study.");
                }
                var submitTo = Checked("turkSubmitTo", Get("turkSubmitTo"));
                if (submitTo is not null && !IsMTurkSubmitHost(submitTo))
                {
                    throw new ParticipationException(ParticipationError.Invalid,
                        $"turkSubmitTo must be Mechanical Turk's submit address (https://{string.Join(" or https://", MTurkSubmitHosts)}). Open the HIT from Mechanical Turk again.");
                }
                return new RecruitmentIdentity(Required("workerId", "Mechanical Turk"), Required("assignmentId", "Mechanical Turk"), Checked("hitId", Get("hitId")), submitTo);
            default:
                // A direct link identifies nobody: every new browser gets a fresh anonymous id.
                return new RecruitmentIdentity("anon-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), null, null, null);
        }
    }

    private static string? Checked(string name, string? value)
    {
        if (value is null) return null;
        if (value.Length > MaxLength || value.Any(char.IsControl))
        {
            throw new ParticipationException(ParticipationError.Invalid, $"{name} is not a valid id (at most {MaxLength} printable characters).");
        }
        return value;
    }

    /// <summary>
    /// The only hosts MTurk posts completed assignments to (production and sandbox). Anything else would make the
    /// completion screen an open redirect to an address chosen by whoever wrote the link.
    /// </summary>
    public static readonly string[] MTurkSubmitHosts = ["www.mturk.com", "workersandbox.mturk.com"];

    private static bool IsMTurkSubmitHost(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort
        && string.IsNullOrEmpty(uri.UserInfo) && MTurkSubmitHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase);
}

using System.Security.Cryptography;
using System.Text.Json;
using AligNet.Domain.Studies;

namespace AligNet.Data.Studies;

/// <summary>
/// A hash of everything the editor can change. The editor keeps the fingerprint of what it loaded; a save whose
/// fingerprint no longer matches the row finds someone else's edit in between and is refused (optimistic
/// concurrency without a version column).
/// </summary>
public static class StudyFingerprint
{
    public static string Of(Study s)
    {
        var fields = new object?[]
        {
            s.Name, s.Description, s.StimulusSetId, s.Recruitment, s.Design, s.TrialsPerParticipant, s.PracticeTrials,
            s.CatchTrialShare, s.RepeatProbes, s.Blocks, s.BreakMaxSeconds, s.FixationMs, s.InterTrialIntervalMs,
            s.ChoiceFeedbackMs, s.ResponseTimeLimitMs, s.MinimumValidRtMs, s.Inputs, s.RequireFullscreen,
            s.ConsentMarkdown, s.InstructionsMarkdown, s.DebriefMarkdown, s.CompletionCode, s.ScreenedOutCode, s.FailedChecksCode,
            s.Qc, s.AdaptiveSampling, s.RandomArmShare, s.AdaptiveScore,
        };
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(fields)));
    }
}

using AligNet.Domain.Participation;

namespace AligNet.Data.Participation;

/// <summary>A response as received, checked for shape and range before it reaches the database.</summary>
public sealed record ResponseSubmission(
    Guid Id, Guid TrialId, int? ChosenPosition, InputMode Input,
    double OnsetTimeMs, double ResponseTimeMs, double? RefreshIntervalMs, bool FocusLost, int FullscreenExits,
    OnsetMethod OnsetMethod = OnsetMethod.NotReported)
{
    /// <summary>Longer than any study's limit allows: a larger RT is a broken clock or a forged request.</summary>
    public const double AbsurdRtMs = 600_000;

    /// <summary><c>performance.now()</c> counts from page load; eleven days of an open tab is not a real trial.</summary>
    private const double MaxClockMs = 1e9;

    public double RtMs => ResponseTimeMs - OnsetTimeMs;

    public static ResponseSubmission Parse(Guid id, Guid trialId, int? chosenPosition, string? input,
        double onsetTimeMs, double responseTimeMs, double? refreshIntervalMs, bool focusLost, int fullscreenExits, string? onsetMethod = null)
    {
        if (id == Guid.Empty) throw Invalid("id must be a client-generated UUID (crypto.randomUUID()), reused on every retry of the same answer.");
        if (trialId == Guid.Empty) throw Invalid("trialId is missing: send the id of the trial being answered.");
        if (!Enum.TryParse<InputMode>(input, ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
        {
            throw Invalid($"input must be one of {string.Join(", ", Enum.GetNames<InputMode>())}.");
        }
        if (chosenPosition is < 0 or > 2) throw Invalid("chosenPosition must be 0 (left), 1 (middle), 2 (right), or null for a timeout.");
        if ((mode == InputMode.Timeout) != (chosenPosition is null))
        {
            throw Invalid("A timeout has no chosenPosition, and every other input has one.");
        }
        if (!IsClock(onsetTimeMs) || !IsClock(responseTimeMs))
        {
            throw Invalid("onsetTimeMs and responseTimeMs must be performance.now() readings: finite, non-negative milliseconds.");
        }
        var rt = responseTimeMs - onsetTimeMs;
        if (rt < 0) throw Invalid($"The response ({responseTimeMs:0.#} ms) is earlier than the stimulus onset ({onsetTimeMs:0.#} ms): RT cannot be negative.");
        if (rt > AbsurdRtMs) throw Invalid($"An RT of {rt:0} ms is longer than any trial can last ({AbsurdRtMs:0} ms).");
        if (refreshIntervalMs is { } refresh && (!double.IsFinite(refresh) || refresh is < 0 or > 1000))
        {
            throw Invalid("refreshIntervalMs must be the frame interval in milliseconds (0–1000), or null.");
        }
        if (fullscreenExits is < 0 or > 10_000) throw Invalid("fullscreenExits must be a count between 0 and 10000.");
        var method = OnsetMethod.NotReported;
        if (onsetMethod is not null && (!Enum.TryParse(onsetMethod, ignoreCase: false, out method) || !Enum.IsDefined(method) || method == OnsetMethod.FirstAnimationFrame))
        {
            throw Invalid($"onsetMethod must be {OnsetMethod.ElementTiming}, {OnsetMethod.SecondAnimationFrame} or {OnsetMethod.NotReported} (or absent).");
        }
        return new ResponseSubmission(id, trialId, chosenPosition, mode, onsetTimeMs, responseTimeMs, refreshIntervalMs, focusLost, fullscreenExits, method);
    }

    private static bool IsClock(double ms) => double.IsFinite(ms) && ms is >= 0 and < MaxClockMs;

    private static ParticipationException Invalid(string message) => new(ParticipationError.Invalid, message);
}

using AligNet.Domain.Participation;

namespace AligNet.Domain.Quality;

/// <summary>One trial of a session with its answer, as quality control sees it.</summary>
/// <param name="Answered">False while the trial has no stored response yet (live QC of a running session).</param>
/// <param name="ChosenPosition">Null when the time limit ran out (a missed response).</param>
public sealed record QcTrial(
    int Index, TrialKind Kind, bool Answered,
    int? ExpectedPosition, int? ChosenPosition, Guid? ChosenStimulusId,
    double? RtMs, bool FocusLost, int? RepeatOfIndex);

/// <summary>The figures behind a verdict, stored with the session and shown to researchers.</summary>
public sealed record QcMetrics(
    int Answered, int Missed,
    int TooFastTasks, int SpeedTasks, double? MedianRtMs,
    int CatchTrials, int CatchCorrect, double? CatchAccuracy,
    double[] PositionShares,
    int RepeatProbes, int RepeatConsistent, double? RepeatConsistency,
    int FocusLosses);

/// <param name="StopEarly">True when the session can no longer pass (e.g. more missed responses than allowed): end it now.</param>
public sealed record QcReport(QcStatus Status, IReadOnlyList<string> Reasons, QcMetrics Metrics, bool StopEarly);

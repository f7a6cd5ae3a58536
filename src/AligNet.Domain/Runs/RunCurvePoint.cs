namespace AligNet.Domain.Runs;

/// <summary>
/// One point of a run's training curve (a progress report that carried a loss or a validation metric), kept so the
/// runs timeline can draw the whole curve of a running run, not only what arrives while the page is open. Written in
/// the same statement as the run's progress (<c>RunProgressWriter</c>); at most <see cref="MaxPerRun"/> per run, thinned
/// evenly: the n-th point reported (<see cref="Seq"/>, from 0) is kept while <c>Seq % stride == 0</c>, where stride is
/// the smallest power of two that leaves at most <see cref="MaxPerRun"/> of the points reported so far.
/// </summary>
public class RunCurvePoint
{
    public const int MaxPerRun = 2000;

    public Guid RunId { get; set; }

    /// <summary>The point's place among all the run's curve points ever reported (0, 1, 2, …), kept or thinned.</summary>
    public int Seq { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The progress's stage, e.g. "λ=0.1" (a teacher's epochs restart at each λ) or "training".</summary>
    public required string Stage { get; set; }

    public int? Epoch { get; set; }

    /// <summary>The progress's done count: a student's step, a teacher's epoch.</summary>
    public long Done { get; set; }

    public double? Loss { get; set; }
    public double? ValidationAccuracy { get; set; }
}

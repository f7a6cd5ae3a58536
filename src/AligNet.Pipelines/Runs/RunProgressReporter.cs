using System.Diagnostics;
using AligNet.Data.Runs;
using AligNet.Domain.Runs;

namespace AligNet.Pipelines.Runs;

/// <summary>
/// Takes progress from a pipeline (often from inside a synchronous training loop), writes it to the run's row at most
/// every <see cref="MinInterval"/> (always when the caller says it matters, e.g. an epoch ended), and turns a cancel
/// request read back from the row into <see cref="Cancellation"/>; <see cref="ThrowIfCancelled"/> lets a training loop
/// stop at the next epoch or batch. Curve points (a loss or validation accuracy) are never dropped by the throttle:
/// they wait and go with the next write, or with <see cref="Flush"/> when the pipeline ends.
/// </summary>
public sealed class RunProgressReporter(RunProgressWriter writer, Guid runId) : IDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private readonly CancellationTokenSource cancel = new();
    private readonly Stopwatch sinceWrite = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly List<RunProgress> pendingCurve = [];
    private RunProgress? unwritten;
    private bool written;

    public CancellationToken Cancellation => cancel.Token;

    /// <param name="milestone">An epoch or stage ended: written now and added to the log tail.</param>
    public void Report(RunProgress progress, bool milestone = false)
    {
        lock (gate)
        {
            if (RunProgressWriter.IsCurvePoint(progress)) pendingCurve.Add(progress);
            unwritten = progress;
            if (!milestone && written && sinceWrite.Elapsed < MinInterval) return;
            WriteLocked(progress, milestone);
        }
    }

    /// <summary>Writes the latest progress and any curve points the throttle held back (the pipeline has ended).</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (unwritten is { } last) WriteLocked(last, milestone: false);
        }
    }

    private void WriteLocked(RunProgress progress, bool milestone)
    {
        written = true;
        sinceWrite.Restart();
        // Cleared only after the statement committed; a failed write ends the attempt anyway.
        if (writer.Write(runId, progress, appendToLog: milestone, pendingCurve)) cancel.Cancel();
        pendingCurve.Clear();
        unwritten = null;
    }

    public void ThrowIfCancelled() => cancel.Token.ThrowIfCancellationRequested();

    public void Dispose() => cancel.Dispose();
}

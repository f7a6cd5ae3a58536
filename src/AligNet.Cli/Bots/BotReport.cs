using System.Text.Json;

namespace AligNet.Cli.Bots;

/// <summary>The figures of one bots run, as printed (text) or written for scripts (<c>--json</c>).</summary>
public sealed record BotReport(
    int Participants,
    double ThinkMs,
    double MeanThinkMs,
    double Seconds,
    long SessionsStarted,
    long SessionsCompleted,
    long SessionsEndedEarly,
    long SessionsFailed,
    long ResponsesAcknowledged,
    long DuplicatesAcknowledged,
    long Retries,
    double ResponsesPerSecond,
    double SustainedResponsesPerSecond,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, LatencyFigures> ClientLatencyMs,
    RunVerifier.Verdict? Database,
    JsonElement? Server)
{
    public static BotReport From(BotSettings settings, BotRun.Outcome run, RunVerifier.Verdict? verdict, JsonElement? server)
    {
        var s = run.Stats;
        // Sustained: whole seconds after the ramp until the run's time was up (or the last bot finished).
        var from = (int)Math.Ceiling(settings.RampSeconds);
        var to = (int)Math.Floor(settings.DurationSeconds ?? run.Seconds);
        if (to - from < 1) (from, to) = (0, Math.Max(1, (int)Math.Ceiling(run.Seconds)));
        return new BotReport(settings.Participants, settings.ThinkMs, Math.Round(s.MeanThinkMs, 1), Math.Round(run.Seconds, 2),
            s.SessionIds.Count, s.SessionsCompleted, s.SessionsEndedEarly, s.SessionsFailed, s.Acknowledged, s.DuplicatesAcknowledged, s.Retries,
            Math.Round(s.Acknowledged / Math.Max(run.Seconds, 1e-3), 1), Math.Round(s.AcknowledgedPerSecond(from, to), 1),
            s.Errors, s.Latency(), verdict, server);
    }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"{Participants} bots, think {ThinkMs:0} ms (mean wait {MeanThinkMs:0} ms), {Seconds:0.0} s");
        output.WriteLine($"sessions: {SessionsStarted} started, {SessionsCompleted} ended ({SessionsEndedEarly} early by QC), {SessionsFailed} abandoned on errors");
        output.WriteLine($"responses acknowledged: {ResponsesAcknowledged} ({DuplicatesAcknowledged} as duplicates of a retry), retries: {Retries}");
        output.WriteLine($"responses/s: {ResponsesPerSecond:0.0} over the run, {SustainedResponsesPerSecond:0.0} sustained after the ramp");
        output.WriteLine("errors: " + (Errors.Count == 0 ? "none" : string.Join(", ", Errors.Select(e => $"{e.Key} ×{e.Value}"))));
        output.WriteLine("client latency (ms)      count     p50     p95     p99     max");
        foreach (var (kind, l) in ClientLatencyMs)
        {
            output.WriteLine($"  {kind,-20} {l.Count,9} {l.P50Ms,7:0.0} {l.P95Ms,7:0.0} {l.P99Ms,7:0.0} {l.MaxMs,7:0.0}");
        }
        if (Database is { } d)
        {
            output.WriteLine($"database: {d.Stored} of {d.Acknowledged} acknowledged responses stored, lost {d.Lost}, trials answered twice {d.DuplicateTrials}, stored but unacknowledged {d.StoredUnacknowledged}");
        }
        if (Server is { } server && server.TryGetProperty("routes", out var routes))
        {
            output.WriteLine("server latency (ms)                                   count     p50     p95     p99     max");
            foreach (var r in routes.EnumerateArray())
            {
                output.WriteLine($"  {r.GetProperty("route").GetString(),-50} {r.GetProperty("count").GetInt64(),7} {r.GetProperty("p50Ms").GetDouble(),7:0.0} {r.GetProperty("p95Ms").GetDouble(),7:0.0} {r.GetProperty("p99Ms").GetDouble(),7:0.0} {r.GetProperty("maxMs").GetDouble(),7:0.0}");
            }
        }
    }
}

namespace AligNet.Domain.Runs;

/// <summary>
/// Where a running run stands, as the worker last wrote it. One record for every kind: a teacher fills
/// <see cref="Epoch"/> and <see cref="Loss"/>, embeddings and generation fill <see cref="Done"/> of <see cref="Total"/>.
/// </summary>
/// <param name="Stage">What the run is doing, e.g. "λ=0.1", "embedding", "shards".</param>
/// <param name="Throughput">Items per second in <see cref="Unit"/> (triplets, images, rows).</param>
/// <param name="EtaSeconds">Estimated seconds left; null when the run cannot know its end (early stopping).</param>
public sealed record RunProgress(
    string Stage,
    long Done,
    long? Total,
    int? Epoch = null,
    double? Loss = null,
    double? ValidationAccuracy = null,
    double? Throughput = null,
    string? Unit = null,
    double? EtaSeconds = null)
{
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>One line for the log tail and the runs page.</summary>
    public string Describe()
    {
        var parts = new List<string> { Stage };
        if (Epoch is { } e) parts.Add($"epoch {e}");
        if (Total is { } t) parts.Add($"{Done:N0}/{t:N0}");
        else if (Done > 0) parts.Add($"{Done:N0}");
        if (Loss is { } l) parts.Add($"loss {l:F4}");
        if (ValidationAccuracy is { } a) parts.Add($"val. acc. {a:F3}");
        if (Throughput is { } r) parts.Add($"{(r >= 100 ? r.ToString("N0") : r.ToString("G3"))} {Unit ?? "items"}/s");
        if (EtaSeconds is { } s) parts.Add("ETA " + Eta(TimeSpan.FromSeconds(Math.Round(s))));
        return string.Join(", ", parts);
    }

    private static string Eta(TimeSpan t) => t.TotalDays >= 1 ? $"{(int)t.TotalDays} d {t.Hours} h" : t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss");
}

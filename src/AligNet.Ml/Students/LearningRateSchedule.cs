namespace AligNet.Ml.Students;

/// <summary>
/// Linear warm-up from 0 to the peak over the first W steps, then cosine decay to 0 at the last step (METHOD.md §4).
/// A pure function of the step, so that a resumed run needs no scheduler state.
/// </summary>
public static class LearningRateSchedule
{
    /// <param name="step">1-based step about to be taken.</param>
    public static double At(int step, double peak, int warmup, int steps)
    {
        if (step <= warmup) return peak * step / Math.Max(1, warmup);
        var progress = (double)(step - warmup) / Math.Max(1, steps - warmup);
        return peak * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
    }
}

namespace AligNet.Domain.Studies;

/// <summary>
/// A study's quality-control thresholds. Defaults follow the published protocols: the THINGS speed rule
/// (Hebart et al. 2023) and the Levels exclusions (> 10 missed responses, catch accuracy &lt; 90%).
/// </summary>
public class QcPolicy
{
    /// <summary>THINGS counts answers in "tasks" of 20 trials, the length of one of its HITs.</summary>
    public int SpeedTaskLength { get; set; } = 20;
    /// <summary>A task is too fast when more than 25% of its answers are under 800 ms …</summary>
    public double FastShareLimit { get; set; } = 0.25;
    public int FastRtMs { get; set; } = 800;
    /// <summary>… and more than 50% are under 1,100 ms.</summary>
    public double SlowShareLimit { get; set; } = 0.5;
    public int SlowRtMs { get; set; } = 1100;
    /// <summary>THINGS excluded a worker too fast in at least 5 tasks; a single too-fast task flags the session.</summary>
    public int TooFastTasksToExclude { get; set; } = 5;

    public int MaxMissedResponses { get; set; } = 10;
    public double MinCatchAccuracy { get; set; } = 0.9;

    /// <summary>Share of answers on one screen position above which answering counts as repetitive.</summary>
    public double PositionBiasFlagShare { get; set; } = 0.6;
    public double PositionBiasExcludeShare { get; set; } = 0.8;
    /// <summary>Position bias is judged only with at least this many answers.</summary>
    public int PositionBiasMinimumAnswers { get; set; } = 20;

    /// <summary>Share of trials with a focus loss (another tab or window) above which a session is flagged.</summary>
    public double FocusLossFlagShare { get; set; } = 0.2;
}

using AligNet.Evaluation.Metrics;

namespace AligNet.Evaluation.Suite;

/// <param name="Bootstrap">Replicates per interval; 0 switches intervals off.</param>
/// <param name="Seed">Seed of every resampling; the same seed gives the same intervals on any machine and thread count.</param>
public sealed record SuiteOptions(int Bootstrap = 1000, long Seed = 0)
{
    public void Validate()
    {
        if (Bootstrap < 0) throw new ArgumentException($"--bootstrap must be 0 (no intervals) or a positive number of replicates, not {Bootstrap}.");
    }
}

/// <param name="Name">How the report names it ("model", "baseline").</param>
/// <param name="Temperature">The model's own fitted temperature (a teacher's); null = fit it on the evaluated responses.</param>
public sealed record SuiteModel(string Name, OddOneOutModel Model, double? Temperature);

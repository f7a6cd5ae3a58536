namespace AligNet.Evaluation.Statistics;

/// <summary>Standard normal draws from a seeded <see cref="Random"/> (Box–Muller), so simulations and noise replay from a seed.</summary>
public static class StandardNormal
{
    public static double Draw(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(Math.Tau * random.NextDouble());
}

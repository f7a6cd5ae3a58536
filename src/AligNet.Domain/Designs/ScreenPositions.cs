namespace AligNet.Domain.Designs;

/// <summary>The six ways to put three stimuli on screen (left, middle, right); one is drawn uniformly per trial.</summary>
internal static class ScreenPositions
{
    public static readonly int[][] Permutations = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    public static int Draw(Random random) => random.Next(Permutations.Length);

    /// <summary>
    /// A permutation other than <paramref name="previous"/>: a repeat probe is shown in a new order, so that someone
    /// who always presses the same key does not look consistent.
    /// </summary>
    public static int DrawOtherThan(Random random, int previous)
    {
        var drawn = random.Next(Permutations.Length - 1);
        return drawn >= previous ? drawn + 1 : drawn;
    }
}

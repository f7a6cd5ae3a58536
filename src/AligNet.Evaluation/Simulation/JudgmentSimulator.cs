namespace AligNet.Evaluation.Simulation;

/// <summary>One simulated trial: the three items in screen order, the chosen position (0–2), who answered and how fast.</summary>
public sealed record SimulatedJudgment(int A, int B, int C, int Position, string Participant, double RtMs);

/// <summary>How many triplets, how noisy, how many simulated people, and the seed that makes the file reproducible.</summary>
public sealed record SimulationOptions(int Triplets, double Noise, int Participants = 20, int Repeats = 1, int Seed = 0)
{
    /// <summary>σ of the per-participant speed factor (log-normal, median 1): some people are faster than others.</summary>
    public const double SpeedSigma = 0.2;
}

/// <summary>
/// Odd-one-out judgments answered by the <see cref="CategoryOracle"/> (the same one the bots use in the browser), for
/// evaluating and training where no people have answered yet. Triplets are three distinct items drawn uniformly;
/// each is answered by <c>Repeats</c> different participants (so ceilings and human entropy exist), in a random
/// screen order. Everything follows from the seed.
/// </summary>
public static class JudgmentSimulator
{
    public static IReadOnlyList<SimulatedJudgment> Simulate(IReadOnlyList<IReadOnlyList<string>> paths, SimulationOptions options)
    {
        if (paths.Count < 3) throw new ArgumentException($"A triplet needs three items; the hierarchy has {paths.Count}.");
        if (options.Triplets < 1) throw new ArgumentException("--triplets must be at least 1.");
        if (options.Participants < 1) throw new ArgumentException("--participants must be at least 1.");
        if (options.Repeats < 1 || options.Repeats > options.Participants)
        {
            throw new ArgumentException($"--repeats must be from 1 to --participants ({options.Participants}): each repeat of a triplet is answered by a different participant.");
        }
        if (options.Noise is < 0 or > 1) throw new ArgumentException($"--noise {options.Noise} is not a probability from 0 to 1.");

        var oracle = new CategoryOracle(options.Noise);
        var random = new Random(options.Seed);
        var names = Enumerable.Range(1, options.Participants).Select(p => $"sim-{p:D3}").ToArray();
        var speed = names.Select(_ => Math.Exp(SimulationOptions.SpeedSigma * CategoryOracle.Gaussian(random))).ToArray();
        var judgments = new List<SimulatedJudgment>(options.Triplets * options.Repeats);
        var shown = new IReadOnlyList<string>[3];
        for (var t = 0; t < options.Triplets; t++)
        {
            var items = DistinctTriple(paths.Count, random);
            for (var r = 0; r < options.Repeats; r++)
            {
                var participant = (t * options.Repeats + r) % options.Participants;
                random.Shuffle(items);
                for (var i = 0; i < 3; i++) shown[i] = paths[items[i]];
                var answer = oracle.Answer(shown, random);
                judgments.Add(new SimulatedJudgment(items[0], items[1], items[2], answer.Position, names[participant], answer.RtMs * speed[participant]));
            }
        }
        return judgments;
    }

    private static int[] DistinctTriple(int n, Random random)
    {
        var a = random.Next(n);
        int b, c;
        do b = random.Next(n); while (b == a);
        do c = random.Next(n); while (c == a || c == b);
        return [a, b, c];
    }
}

/// <summary>
/// Writes simulated judgments in the <c>choice</c> triplet format (<c>i j k choice subject rt_ms</c>, 1-based, tab-separated)
/// that <c>alignet evaluate</c>, <c>alignet teacher</c> and <c>alignet import triplets</c> read; '#' lines say how it was made.
/// The file appears whole or not at all (written beside it, then moved over).
/// </summary>
public static class SimulatedJudgmentFile
{
    public static void Write(string path, IReadOnlyList<SimulatedJudgment> judgments, IEnumerable<string> comments)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Environment.ProcessId}.partial";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                foreach (var comment in comments) writer.WriteLine("# " + comment);
                writer.WriteLine("# i\tj\tk\tchoice\tsubject\trt_ms  (1-based item indices; choice = position of the odd one out)");
                foreach (var j in judgments)
                {
                    writer.WriteLine(FormattableString.Invariant($"{j.A + 1}\t{j.B + 1}\t{j.C + 1}\t{j.Position + 1}\t{j.Participant}\t{j.RtMs:F0}"));
                }
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

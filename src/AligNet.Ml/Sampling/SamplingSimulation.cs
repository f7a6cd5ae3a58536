using System.Diagnostics;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Simulation;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Sampling;

/// <summary>
/// Adaptive vs random sampling with simulated people (ADR-022), on the platform's own parts: the bots'
/// <see cref="CategoryOracle"/> answers, <see cref="TeacherTrainer"/> trains, <see cref="TripletUncertainty"/> scores and
/// <see cref="AdaptiveBatch"/> takes each batch. Per seed both arms start from the same seed batch and answers, and are
/// scored on the same held-out triplets (never offered as candidates), so the arms differ only in what they ask.
/// Everything follows from the seeds (training on the CPU).
/// </summary>
public static class SamplingSimulation
{
    public static IReadOnlyList<SamplingPoint> Run(EmbeddingMatrix embeddings, IReadOnlyList<IReadOnlyList<string>> paths, SamplingSimulationOptions options,
        Action<SamplingPoint>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count != embeddings.Rows) throw new ArgumentException($"{paths.Count} category paths for {embeddings.Rows} embedding rows: give one path per item, in row order.");
        options.Validate(embeddings.Rows);
        var points = new List<SamplingPoint>();
        for (var seed = options.FirstSeed; seed < options.FirstSeed + options.Seeds; seed++)
        {
            var world = SeedWorld.Create(embeddings.Rows, paths, options, seed);
            foreach (var arm in new[] { SamplingArms.Adaptive, SamplingArms.Random })
            {
                foreach (var point in RunArm(embeddings, world, options, seed, arm, cancellation))
                {
                    points.Add(point);
                    progress?.Invoke(point);
                }
            }
        }
        return points;
    }

    private static IEnumerable<SamplingPoint> RunArm(EmbeddingMatrix x, SeedWorld world, SamplingSimulationOptions o, int seed, string arm, CancellationToken cancellation)
    {
        var armIndex = arm == SamplingArms.Adaptive ? 0 : 1;
        var answers = new Random(Mix(seed, armIndex, Stream.Answers));
        var choices = new Random(Mix(seed, armIndex, Stream.Choices));
        var responses = new List<TripletResponse>(world.SeedResponses);
        var asked = new HashSet<(int, int, int)>(world.SeedTriplets);
        var trainer = new TeacherTrainer(o.Teacher with { Seed = seed });
        for (var round = 0; ; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var teacher = trainer.Train(x, responses).Model;
            var seconds = clock.Elapsed.TotalSeconds;
            var model = teacher.OddOneOut(x);
            var report = OddOneOutEvaluator.Evaluate(model, world.HeldOut);
            var agreement = world.NoiseFreeOdd.Select((odd, t) => model.PredictOdd(world.HeldOut[t].I, world.HeldOut[t].J, world.HeldOut[t].K) == odd ? 1.0 : 0.0).Average();
            if (round == o.Rounds)
            {
                yield return new SamplingPoint(arm, seed, round, responses.Count, report.Accuracy, agreement, report.Nll, null, seconds, 0);
                yield break;
            }

            var candidates = world.FreshCandidates(asked, o.Candidates, Mix(seed, armIndex, Stream.Candidates + round));
            clock.Restart();
            var entropy = TripletUncertainty.Score(teacher, x, candidates, UncertaintyScore.Entropy);
            var scores = o.Score == UncertaintyScore.Entropy ? entropy : TripletUncertainty.Score(teacher, x, candidates, o.Score, posteriorSeed: seed);
            // The random arm takes the first B candidates: they are already a uniform random draw.
            IEnumerable<int> batch = arm == SamplingArms.Adaptive
                ? AdaptiveBatch.Choose(scores, o.Batch, o.RandomShare, choices).Select(c => c.Candidate)
                : Enumerable.Range(0, o.Batch);
            var chosen = batch.ToArray();
            var scoring = clock.Elapsed.TotalSeconds;
            yield return new SamplingPoint(arm, seed, round, responses.Count, report.Accuracy, agreement, report.Nll, chosen.Average(c => entropy[c]), seconds, scoring);
            foreach (var c in chosen)
            {
                asked.Add(candidates[c]);
                responses.Add(world.Answer(candidates[c], world.Oracle, answers));
            }
        }
    }

    /// <summary>Independent random streams per seed and arm (HashCode is randomised per process, so it cannot seed).</summary>
    private static class Stream
    {
        public const int World = 1, HeldOut = 2, Answers = 3, Choices = 4, Candidates = 100;
    }

    private static int Mix(int seed, int arm, int stream) => unchecked((seed * 1_000_003) ^ (arm * 7_919) ^ (stream * 104_729));

    /// <summary>What both arms of one seed share: the seed batch with its answers and the held-out set.</summary>
    private sealed class SeedWorld
    {
        private readonly int poolSize;
        private readonly IReadOnlyList<IReadOnlyList<string>> paths;
        private readonly HashSet<(int, int, int)> heldOutSets;
        private readonly IReadOnlyList<string>[] shown = new IReadOnlyList<string>[3];

        private SeedWorld(int poolSize, IReadOnlyList<IReadOnlyList<string>> paths, CategoryOracle oracle, HashSet<(int, int, int)> heldOutSets)
        {
            (this.poolSize, this.paths, Oracle, this.heldOutSets) = (poolSize, paths, oracle, heldOutSets);
        }

        public CategoryOracle Oracle { get; }
        public List<TripletResponse> HeldOut { get; } = [];
        /// <summary>The noise-free oracle's odd one out of each held-out triplet (ties broken at random, seeded).</summary>
        public List<int> NoiseFreeOdd { get; } = [];
        public List<(int, int, int)> SeedTriplets { get; } = [];
        public List<TripletResponse> SeedResponses { get; } = [];

        public static SeedWorld Create(int poolSize, IReadOnlyList<IReadOnlyList<string>> paths, SamplingSimulationOptions o, int seed)
        {
            var drawn = TripletUncertainty.Candidates(poolSize, o.HeldOut + o.SeedBatch, Mix(seed, 0, Stream.World));
            var world = new SeedWorld(poolSize, paths, new CategoryOracle(o.Noise), [.. drawn.Take(o.HeldOut)]);
            var answers = new Random(Mix(seed, 0, Stream.HeldOut));
            var noiseFree = new CategoryOracle(0);
            foreach (var t in drawn.Take(o.HeldOut))
            {
                world.HeldOut.Add(world.Answer(t, world.Oracle, answers));
                world.NoiseFreeOdd.Add(world.Answer(t, noiseFree, answers).K);
            }
            foreach (var t in drawn.Skip(o.HeldOut))
            {
                world.SeedTriplets.Add(t);
                world.SeedResponses.Add(world.Answer(t, world.Oracle, answers));
            }
            return world;
        }

        /// <summary>Up to <paramref name="count"/> random triplets neither held out nor asked before.</summary>
        public IReadOnlyList<(int I, int J, int K)> FreshCandidates(HashSet<(int, int, int)> asked, int count, int seed)
        {
            long n = poolSize;
            var draw = (int)Math.Min(n * (n - 1) * (n - 2) / 6, (long)count + asked.Count + heldOutSets.Count);
            return [.. TripletUncertainty.Candidates(poolSize, draw, seed).Where(t => !asked.Contains(t) && !heldOutSets.Contains(t)).Take(count)];
        }

        /// <summary>The oracle's answer in the odd-last convention: (the kept pair, the odd one out).</summary>
        public TripletResponse Answer((int I, int J, int K) t, CategoryOracle oracle, Random random)
        {
            (shown[0], shown[1], shown[2]) = (paths[t.I], paths[t.J], paths[t.K]);
            return oracle.Answer(shown, random).Position switch
            {
                0 => new TripletResponse(t.J, t.K, t.I),
                1 => new TripletResponse(t.I, t.K, t.J),
                _ => new TripletResponse(t.I, t.J, t.K),
            };
        }
    }
}

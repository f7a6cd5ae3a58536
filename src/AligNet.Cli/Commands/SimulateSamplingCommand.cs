using System.CommandLine;
using System.Globalization;
using AligNet.Data.Dashboards;
using AligNet.Data.Startup;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Simulation;
using AligNet.Evaluation.Transfer;
using AligNet.Ml.Sampling;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet simulate sampling</c>: adaptive vs random sampling with the bots' category oracle answering (ADR-022),
/// file-based (base embeddings + category paths, e.g. from <c>alignet features --demo</c>), with the platform's scorer,
/// batch rule and teacher trainer. Writes the long-form CSV the Sampling dashboard reads.
/// </summary>
internal static class SimulateSamplingCommand
{
    public static Command Create()
    {
        var embeddings = new Option<FileInfo?>("--embeddings") { Description = "Base embeddings of the pool (.npy or delimited), one row per item." };
        var hierarchy = new Option<FileInfo?>("--hierarchy") { Description = "One 'top/sub/…' category path per line, line t = row t (PREFIX.paths.txt of 'alignet features')." };
        var merge = new Option<FileInfo[]>("--merge") { Description = "Instead of simulating: merge CSVs of earlier runs (e.g. one seed each, run in parallel) and summarise them.", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int>("--seeds") { Description = "Independent repetitions (seeds FIRST … FIRST+N−1); intervals are across them.", DefaultValueFactory = _ => 5 };
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed.", DefaultValueFactory = _ => 0 };
        var seedBatch = new Option<int>("--seed-batch") { Description = "Random triplets answered before the first teacher (both arms share them).", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch") { Description = "Triplets asked per round after each teacher.", DefaultValueFactory = _ => 100 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds after the seed batch.", DefaultValueFactory = _ => 5 };
        var candidates = new Option<int>("--candidates") { Description = "Random candidate triplets scored per round.", DefaultValueFactory = _ => 20_000 };
        var randomShare = new Option<double>("--random-share") { Description = "Share of each adaptive batch taken at random (the permanent random arm).", DefaultValueFactory = _ => AdaptiveBatch.DefaultRandomShare };
        var noise = new Option<double>("--noise") { Description = "Probability that the oracle answers at random.", DefaultValueFactory = _ => 0.1 };
        var heldOut = new Option<int>("--held-out") { Description = "Held-out random triplets (oracle-answered) each teacher is scored on.", DefaultValueFactory = _ => 2_000 };
        var score = new Option<string>("--score") { Description = "Uncertainty score of the adaptive arm: entropy or eig (expected information gain, ADR-022).", DefaultValueFactory = _ => "entropy" };
        var epochs = new Option<int>("--epochs") { Description = "Teacher epochs per round (few: a round should not take minutes).", DefaultValueFactory = _ => 5 };
        var lambda = new Option<double>("--lambda") { Description = "Teacher λ (one value; with a few hundred responses 10 held out best on the demo set, ADR-022).", DefaultValueFactory = _ => 10 };
        var tripletBatch = new Option<int>("--triplet-batch") { Description = "Teacher mini-batch (triplets per step); fewer, larger steps are cheaper (the local term is paid per step).", DefaultValueFactory = _ => 128 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Teacher Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var output = new Option<FileInfo?>("--out") { Description = "Long-form CSV: arm, seed, round, responses, accuracy, oracle_agreement, … (the Sampling dashboard reads it)." };
        var publish = new Option<string?>("--publish") { Description = "Also write the CSV as NAME into the artifacts folder (Artifacts__Root/simulations/sampling), where the Sampling dashboard finds it." };
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object instead of text." };
        var command = new Command("sampling",
            "Simulate adaptive (teacher uncertainty) vs random triplet sampling with oracle-answering bots: held-out accuracy against responses, several seeds.")
        {
            embeddings, hierarchy, seeds, firstSeed, seedBatch, batch, rounds, candidates, randomShare, noise, heldOut, score, epochs, lambda, tripletBatch, learningRate, merge, output, publish, json,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(() =>
        {
            var published = parse.GetValue(publish) is { } name
                ? new SamplingResultFiles(StorageRoots.Validate(CliConfiguration.Build(), required: false).Artifacts).PathOf(name)
                : null; // a bad name fails before the simulation, not after
            var asJson = parse.GetValue(json);
            IReadOnlyList<SamplingPoint> points;
            object? settings = null;
            if (parse.GetValue(merge) is { Length: > 0 } files)
            {
                points = Merge(files);
            }
            else
            {
                if (parse.GetValue(embeddings) is not { } embeddingFile || parse.GetValue(hierarchy) is not { } hierarchyFile)
                {
                    throw new ArgumentException("Give --embeddings FILE and --hierarchy FILE to simulate (e.g. PREFIX.npy and PREFIX.paths.txt of 'alignet features --demo'), or --merge CSV… to summarise earlier runs.");
                }
                var x = EmbeddingFiles.Read(embeddingFile.FullName);
                var paths = CategoryHierarchy.Read(hierarchyFile.FullName, x.Rows).Paths;
                var defaults = new SamplingSimulationOptions();
                var options = defaults with
                {
                    Seeds = parse.GetValue(seeds), FirstSeed = parse.GetValue(firstSeed), SeedBatch = parse.GetValue(seedBatch), Batch = parse.GetValue(batch),
                    Rounds = parse.GetValue(rounds), Candidates = parse.GetValue(candidates), RandomShare = parse.GetValue(randomShare), Noise = parse.GetValue(noise),
                    HeldOut = parse.GetValue(heldOut), Score = ScoreOf(parse.GetValue(score)!),
                    Teacher = defaults.Teacher with
                    {
                        MaxEpochs = parse.GetValue(epochs), LambdaGrid = [parse.GetValue(lambda)], TripletBatch = parse.GetValue(tripletBatch), LearningRate = parse.GetValue(learningRate),
                    },
                };
                points = SamplingSimulation.Run(x, paths, options, p => Console.Error.WriteLine(FormattableString.Invariant(
                    $"{p.Arm,-8} seed {p.Seed} round {p.Round}: {p.Responses} responses, held-out accuracy {p.Accuracy:F3}, noise-free agreement {p.OracleAgreement:F3} (train {p.TrainSeconds:F1} s, score {p.ScoreSeconds:F2} s)")), ct);
                settings = new { options.Seeds, options.FirstSeed, options.SeedBatch, options.Batch, options.Rounds, options.Candidates, options.RandomShare, options.Noise, options.HeldOut, score = options.Score.ToString(), options.Teacher.MaxEpochs, lambda = options.Teacher.LambdaGrid[0], options.Teacher.TripletBatch, options.Teacher.LearningRate, items = x.Rows, dimensions = x.Columns };
            }
            if (parse.GetValue(output) is { } file) SamplingResultsCsv.Write(file.FullName, points);
            if (published is not null) SamplingResultsCsv.Write(published, points);
            var accuracy = SamplingCurves.Summarize(points, p => p.Accuracy);
            var agreement = SamplingCurves.Summarize(points, p => p.OracleAgreement);
            if (asJson)
            {
                JsonOutput.Write(new
                {
                    options = settings,
                    accuracy, oracle_agreement = agreement,
                    mean_train_seconds = points.Average(p => p.TrainSeconds),
                    mean_score_seconds = points.Where(p => p.NextBatchEntropy is not null).Select(p => p.ScoreSeconds).DefaultIfEmpty().Average(),
                    out_file = parse.GetValue(output)?.FullName,
                    published = published,
                });
            }
            else
            {
                Console.WriteLine(SummaryTable("held-out accuracy", accuracy));
                Console.WriteLine(SummaryTable("agreement with the noise-free oracle", agreement));
                Console.WriteLine(SummaryTable("mean teacher entropy (nats) of the batch asked next",
                    SamplingCurves.Summarize(points.Where(p => p.NextBatchEntropy is not null), p => p.NextBatchEntropy!.Value)));
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Points of several runs; the same arm, seed and round twice means overlapping runs were merged.</summary>
    private static List<SamplingPoint> Merge(FileInfo[] files)
    {
        var points = files.SelectMany(f => SamplingResultsCsv.Read(f.FullName)).ToList();
        if (points.GroupBy(p => (p.Arm, p.Seed, p.Round)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"{twice.Key.Arm} seed {twice.Key.Seed} round {twice.Key.Round} is in more than one merged file: merge runs of different seeds only.");
        }
        return [.. points.OrderBy(p => p.Seed).ThenBy(p => p.Arm, StringComparer.Ordinal).ThenBy(p => p.Round)];
    }

    private static UncertaintyScore ScoreOf(string name) => name.ToLowerInvariant() switch
    {
        "entropy" => UncertaintyScore.Entropy,
        "eig" or "expected-information-gain" => UncertaintyScore.ExpectedInformationGain,
        _ => throw new ArgumentException($"--score '{name}' is not known: use entropy or eig."),
    };

    /// <summary>A Markdown table: responses, then each arm's mean [95 % t interval] across seeds.</summary>
    internal static string SummaryTable(string title, IReadOnlyList<SamplingSummary> summary)
    {
        var byResponses = summary.GroupBy(s => s.Responses).OrderBy(g => g.Key);
        var lines = new List<string> { $"{title} (mean [95 % t interval] across seeds)", "", "| responses | adaptive | random | adaptive − random |", "|---:|---|---|---:|" };
        foreach (var g in byResponses)
        {
            var adaptive = g.FirstOrDefault(s => s.Arm == SamplingArms.Adaptive);
            var random = g.FirstOrDefault(s => s.Arm == SamplingArms.Random);
            var difference = adaptive is not null && random is not null ? (adaptive.Mean - random.Mean).ToString("+0.000;-0.000", CultureInfo.InvariantCulture) : "";
            lines.Add($"| {g.Key} | {Cell(adaptive)} | {Cell(random)} | {difference} |");
        }
        return string.Join('\n', lines);
    }

    private static string Cell(SamplingSummary? s) => s is null ? "" : s.Low is { } low && s.High is { } high
        ? FormattableString.Invariant($"{s.Mean:F3} [{low:F3}, {high:F3}]")
        : FormattableString.Invariant($"{s.Mean:F3}");
}

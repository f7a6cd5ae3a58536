using System.CommandLine;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;

namespace AligNet.Cli.Commands;

/// <summary><c>alignet eval</c>: how well embeddings predict human odd-one-out choices (METHOD.md §5).</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var embeddings = new Option<FileInfo>("--embeddings") { Description = "Embeddings, one row per item: .npy (float32/64), .csv or .tsv.", Required = true };
        var triplets = new Option<FileInfo>("--triplets") { Description = "Human triplets file.", Required = true };
        var format = new Option<string>("--format") { Description = "odd-last ('i j k [subject]', 0-based, k odd) or choice ('i j k choice [subject]', 1-based).", Required = true };
        format.AcceptOnlyFromAmong("odd-last", "choice");
        var reorder = new Option<FileInfo?>("--reorder") { Description = "List whose entry t is the triplet file's index of embedding row t (THINGS' sortindex.txt)." };
        var similarity = new Option<string>("--similarity") { Description = "Pair similarity: dot or cosine.", DefaultValueFactory = _ => "dot" };
        similarity.AcceptOnlyFromAmong("dot", "cosine");
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature for NLL and ECE.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };

        var command = new Command("eval", "Odd-one-out accuracy, majority accuracy, noise ceiling, NLL and ECE of embeddings against human triplets.")
        {
            embeddings, triplets, format, reorder, similarity, temperature, json,
        };
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var matrix = EmbeddingFiles.Read(parse.GetValue(embeddings)!.FullName);
            var order = parse.GetValue(reorder) is { } file ? IndexListReader.Read(file.FullName) : null;
            var responses = TripletFileReader.Read(parse.GetValue(triplets)!.FullName, TripletFormats.Parse(parse.GetValue(format)!), matrix.Rows, order);
            var kind = SimilarityKinds.Parse(parse.GetValue(similarity)!);
            var report = OddOneOutEvaluator.Evaluate(new OddOneOutModel(matrix, kind, parse.GetValue(temperature)), responses);
            Print(report, kind, matrix, parse.GetValue(json));
            return Task.FromResult(0);
        }));
        return command;
    }

    /// <summary>Shared with <c>teacher eval</c>, so that both print the same keys.</summary>
    internal static void Print(OddOneOutReport r, SimilarityKind kind, EmbeddingMatrix matrix, bool json)
    {
        if (json)
        {
            JsonOutput.Write(new
            {
                responses = r.Responses, triplets = r.Triplets, accuracy = r.Accuracy,
                majority_accuracy = r.MajorityAccuracy, majority_triplets = r.MajorityTriplets,
                noise_ceiling = r.NoiseCeiling, loo_ceiling = r.LeaveOneOutCeiling,
                nll = r.Nll, ece = r.Ece, temperature = r.Temperature,
                similarity = kind.ToString().ToLowerInvariant(), items = matrix.Rows, dimensions = matrix.Columns,
            });
            return;
        }
        Console.WriteLine($"responses          {r.Responses}");
        Console.WriteLine($"triplets           {r.Triplets}");
        Console.WriteLine($"accuracy           {r.Accuracy:F4}");
        Console.WriteLine($"majority accuracy  {Show(r.MajorityAccuracy)} ({r.MajorityTriplets} triplets with a unique majority)");
        Console.WriteLine($"noise ceiling      {Show(r.NoiseCeiling)}");
        Console.WriteLine($"leave-one-out      {Show(r.LeaveOneOutCeiling)}");
        Console.WriteLine($"NLL                {r.Nll:F4}  (T = {r.Temperature})");
        Console.WriteLine($"ECE                {r.Ece:F4}");
    }

    private static string Show(double? value) => value is { } v ? v.ToString("F4") : "n/a (no triplet answered twice)";
}

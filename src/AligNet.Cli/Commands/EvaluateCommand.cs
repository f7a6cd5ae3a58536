using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Transfer;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet evaluate</c>: the evaluation suite of METHOD.md §5 — every figure overall and per abstraction level with
/// bootstrap intervals, calibration, entropy vs RT, RSA; a teacher (--model) is compared with its base embeddings.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var options = new EvaluateOptions();
        var command = new Command("evaluate",
            "Evaluate embeddings or a teacher against human triplets: accuracy, ceilings, calibration, entropy vs RT and RSA, " +
            "overall and per level (coarse, fine, boundary, uncategorised), each with a bootstrap interval.");
        options.AddTo(command);
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var (report, transfer, robustness) = await RunAsync(options, parse, ct);
            if (parse.GetValue(options.Json))
            {
                var json = SuiteReportJson.ToJson(report);
                if (transfer is not null) json["transfer"] = transfer;
                foreach (var (key, section) in robustness) json[key] = section;
                Console.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                EvaluateText.Print(report);
                if (transfer is not null) Console.WriteLine("transfer: " + transfer.ToJsonString());
                foreach (var (key, section) in robustness) Console.WriteLine($"{key}: " + section.ToJsonString());
            }
            return 0;
        }));
        return command;
    }

    private static async Task<(SuiteReport, JsonObject?, IReadOnlyList<(string, JsonObject)>)> RunAsync(EvaluateOptions o, ParseResult parse, CancellationToken ct)
    {
        var matrix = EmbeddingFiles.Read(parse.GetValue(o.Embeddings)!.FullName);
        var order = parse.GetValue(o.Reorder) is { } reorderFile ? IndexListReader.Read(reorderFile.FullName) : null;
        var responses = TripletFileReader.Read(parse.GetValue(o.Triplets)!.FullName, TripletFormats.Parse(parse.GetValue(o.Format)!), matrix.Rows, order);
        var similarity = SimilarityKinds.Parse(parse.GetValue(o.Similarity)!);
        var embeddingModel = new SuiteModel("model", new OddOneOutModel(matrix, similarity), null);

        var models = new List<SuiteModel>();
        var features = new List<(string, EmbeddingMatrix)>();
        TeacherModel? teacher = null;
        if (parse.GetValue(o.Model) is { } modelDir)
        {
            (teacher, _) = TeacherArtifact.Load(modelDir.FullName, matrix);
            var transformed = teacher.Transform(matrix);
            models.Add(new SuiteModel("model", new OddOneOutModel(transformed, SimilarityKind.Dot, teacher.Temperature), teacher.Temperature));
            models.Add(embeddingModel with { Name = "baseline" });
            features.Add(("model", transformed));
            features.Add(("baseline", matrix));
        }
        else
        {
            models.Add(embeddingModel);
            features.Add(("model", matrix));
        }
        if (parse.GetValue(o.Baseline) is { } baselineFile)
        {
            if (models.Count == 2) throw new ArgumentException("--model already compares the teacher with its base embeddings: drop --baseline, or evaluate the two embeddings without --model.");
            var baseline = EmbeddingFiles.Read(baselineFile.FullName);
            if (baseline.Rows != matrix.Rows) throw new ArgumentException($"--baseline has {baseline.Rows} rows, --embeddings {matrix.Rows}: both must cover the same items in the same order.");
            models.Add(new SuiteModel("baseline", new OddOneOutModel(baseline, SimilarityKinds.Parse(parse.GetValue(o.BaselineSimilarity) ?? parse.GetValue(o.Similarity)!)), null));
            features.Add(("baseline", baseline));
        }

        var setPaths = parse.GetValue(o.Set) is { } set ? await StimulusSetPaths.LoadAsync(set, matrix.Rows, ct) : null;
        var hierarchy = parse.GetValue(o.Hierarchy) is { } hierarchyFile ? CategoryHierarchy.Read(hierarchyFile.FullName, matrix.Rows)
            : setPaths is not null ? new CategoryHierarchy(setPaths) : null;
        // Levels from --categories, else from the set's paths, else from the --hierarchy file's paths.
        var categories = CategoriesFrom(o, parse, matrix.Rows, setPaths ?? (parse.GetValue(o.Categories) is null ? hierarchy?.Paths : null));
        HumanSimilarity? human = null;
        if (parse.GetValue(o.HumanSimilarity) is { } humanFile) human = HumanSimilarity.FromMatrix(EmbeddingFiles.Read(humanFile.FullName), matrix.Rows, humanFile.FullName);
        else if (parse.GetValue(o.Rsa)) human = HumanSimilarity.FromTriplets(responses, matrix.Rows);

        var suite = new SuiteOptions(parse.GetValue(o.Bootstrap), parse.GetValue(o.Seed));
        var report = EvaluationSuite.Evaluate(responses, models, categories, human, suite);
        var robustness = EvaluateRobustness.Sections(o, parse, matrix, similarity, teacher, responses, hierarchy, suite);
        return (report, Transfer(o, parse, features, hierarchy, suite), robustness);
    }

    private static JsonObject? Transfer(EvaluateOptions o, ParseResult parse, List<(string, EmbeddingMatrix)> features, CategoryHierarchy? hierarchy, SuiteOptions suite)
    {
        var shots = parse.GetValue(o.FewShotShots) is { Length: > 0 } k ? k : [1, 5];
        var options = new TransferOptions(parse.GetValue(o.FewShotWays), shots, parse.GetValue(o.TransferSeeds), parse.GetValue(o.Breeds), parse.GetValue(o.Retention));
        if (options.Ways is null && !options.Breeds && !options.Retention) return null;
        if (hierarchy is null) throw new ArgumentException("Few-shot, BREEDS and retention need category paths: give --hierarchy FILE or --set NAME.");
        return TransferSuite.Evaluate(features, hierarchy, options, suite);
    }

    private static ItemCategories? CategoriesFrom(EvaluateOptions o, ParseResult parse, int rows, IReadOnlyList<IReadOnlyList<string>>? setPaths)
    {
        var file = parse.GetValue(o.Categories);
        var depth = parse.GetValue(o.CategoryDepth);
        if (file is not null && setPaths is not null) throw new ArgumentException("Give either --categories (a category matrix file) or --set (a stimulus set's category paths), not both.");
        if (depth is not null && setPaths is null) throw new ArgumentException("--category-depth applies to category paths (--set or --hierarchy); a category matrix has no depth.");
        if (file is not null) return CategoryMatrixReader.Read(file.FullName, rows);
        return setPaths is null ? null : ItemCategories.FromPaths(setPaths, depth);
    }
}

using System.CommandLine;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
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
            var report = await RunAsync(options, parse, ct);
            if (parse.GetValue(options.Json)) Console.WriteLine(SuiteReportJson.ToJsonString(report));
            else EvaluateText.Print(report);
            return 0;
        }));
        return command;
    }

    private static async Task<SuiteReport> RunAsync(EvaluateOptions o, ParseResult parse, CancellationToken ct)
    {
        var matrix = EmbeddingFiles.Read(parse.GetValue(o.Embeddings)!.FullName);
        var order = parse.GetValue(o.Reorder) is { } reorderFile ? IndexListReader.Read(reorderFile.FullName) : null;
        var responses = TripletFileReader.Read(parse.GetValue(o.Triplets)!.FullName, TripletFormats.Parse(parse.GetValue(o.Format)!), matrix.Rows, order);
        var similarity = SimilarityKinds.Parse(parse.GetValue(o.Similarity)!);
        var embeddingModel = new SuiteModel("model", new OddOneOutModel(matrix, similarity), null);

        var models = new List<SuiteModel>();
        if (parse.GetValue(o.Model) is { } modelDir)
        {
            var (teacher, _) = TeacherArtifact.Load(modelDir.FullName, matrix);
            models.Add(new SuiteModel("model", teacher.OddOneOut(matrix), teacher.Temperature));
            models.Add(embeddingModel with { Name = "baseline" });
        }
        else
        {
            models.Add(embeddingModel);
        }
        if (parse.GetValue(o.Baseline) is { } baselineFile)
        {
            if (models.Count == 2) throw new ArgumentException("--model already compares the teacher with its base embeddings: drop --baseline, or evaluate the two embeddings without --model.");
            var baseline = EmbeddingFiles.Read(baselineFile.FullName);
            if (baseline.Rows != matrix.Rows) throw new ArgumentException($"--baseline has {baseline.Rows} rows, --embeddings {matrix.Rows}: both must cover the same items in the same order.");
            models.Add(new SuiteModel("baseline", new OddOneOutModel(baseline, SimilarityKinds.Parse(parse.GetValue(o.BaselineSimilarity) ?? parse.GetValue(o.Similarity)!)), null));
        }

        var categories = await CategoriesAsync(o, parse, matrix.Rows, ct);
        HumanSimilarity? human = null;
        if (parse.GetValue(o.HumanSimilarity) is { } humanFile) human = HumanSimilarity.FromMatrix(EmbeddingFiles.Read(humanFile.FullName), matrix.Rows, humanFile.FullName);
        else if (parse.GetValue(o.Rsa)) human = HumanSimilarity.FromTriplets(responses, matrix.Rows);

        return EvaluationSuite.Evaluate(responses, models, categories, human, new SuiteOptions(parse.GetValue(o.Bootstrap), parse.GetValue(o.Seed)));
    }

    private static async Task<ItemCategories?> CategoriesAsync(EvaluateOptions o, ParseResult parse, int rows, CancellationToken ct)
    {
        var file = parse.GetValue(o.Categories);
        var set = parse.GetValue(o.Set);
        var depth = parse.GetValue(o.CategoryDepth);
        if (file is not null && set is not null) throw new ArgumentException("Give either --categories (a category matrix file) or --set (a stimulus set's category paths), not both.");
        if (depth is not null && set is null) throw new ArgumentException("--category-depth applies to --set (category paths); a category matrix has no depth.");
        if (file is not null) return CategoryMatrixReader.Read(file.FullName, rows);
        if (set is not null) return ItemCategories.FromPaths(await StimulusSetPaths.LoadAsync(set, rows, ct), depth);
        return null;
    }
}

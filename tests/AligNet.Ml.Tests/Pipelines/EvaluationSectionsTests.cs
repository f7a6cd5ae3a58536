using System.Text.Json.Nodes;
using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Embeddings;
using AligNet.Pipelines.Evaluation;
using AligNet.Pipelines.Teachers;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// The transfer and robustness sections an evaluation run stores (real PostgreSQL, a real stimulus store): 24 coloured
/// images in two top categories of two subcategories each, their ResNet18 embeddings and a teacher. The reference is the
/// independent entry point on the same inputs: the stored embeddings and the teacher's held-out split written to files,
/// the corrupted images' features from <c>alignet features --corruptions</c> on a folder of the store's files, then
/// <c>alignet evaluate --model … --json</c> with the same options; its sections must equal the stored ones exactly.
/// </summary>
public class EvaluationSectionsTests : ColourTeacherTestBase
{
    protected override int Items => 24;

    protected override string[] CategoryPath(int index) => index < Items / 2 ? ["warm", index % 2 == 0 ? "red" : "orange"] : ["cool", index % 2 == 0 ? "green" : "blue"];

    private async Task<JsonObject> CliJsonAsync(params string[] args)
    {
        var output = await CliAsync(args);
        return args.Contains("--json") ? JsonNode.Parse(output[output.IndexOf('{')..])!.AsObject() : [];
    }

    [Fact]
    public async Task Stored_transfer_and_corruption_sections_equal_alignet_evaluate_on_the_same_inputs_and_style_shift_says_why_it_is_missing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        var sections = new EvaluationSectionOptions(FewShotWays: 3, FewShotShots: [1], TransferSeeds: 2, EpisodesPerSeed: 100, Corruptions: ["blur-3", "noise-2"], CorruptionSeed: 4);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts, store).EvaluateAsync(new(teacher.Id, Bootstrap: 50, Seed: 1, Sections: sections), ct);

        // The same inputs as files: stored embeddings, the teacher's held-out split, the store's images in row order.
        var data = await TrainingDataLoader.LoadAsync(db, setId, ResNet18Featurizer.Model, ResNet18ModelFiles.PackagedVersion, ct);
        var embeddings = Path.Combine(scratch, "base.npy");
        await File.WriteAllBytesAsync(embeddings, NpyWriter.Float32(data.Embeddings.Rows, data.Embeddings.Columns,
            [.. Enumerable.Range(0, data.Embeddings.Rows).SelectMany(r => data.Embeddings.Row(r).ToArray().Select(v => (float)v))]), ct);
        var folder = Path.Combine(artifacts, teacher.ArtifactPath);
        var options = TeacherArtifact.Load(folder).Manifest.Options!;
        var test = TripletSplit.ByItemSet(data.Responses, data.Embeddings.Rows, options.Seed, options.TrainFraction, options.ValidationFraction).Test;
        var triplets = Path.Combine(scratch, "test.txt");
        await File.WriteAllLinesAsync(triplets, test.Select(t => $"{t.I} {t.J} {t.K} {t.Subject}"), ct);
        var images = Directory.CreateDirectory(Path.Combine(scratch, "images")).FullName;
        var files = await db.Stimuli.Where(s => s.StimulusSetId == setId).ToDictionaryAsync(s => s.Id, s => s.ImagePath!, ct);
        var manifest = new List<string> { "file,label" };
        for (var row = 0; row < data.StimulusIds.Count; row++)
        {
            File.Copy(Path.Combine(store, files[data.StimulusIds[row]]), Path.Combine(images, $"{row:D3}.png"));
            manifest.Add($"{row:D3}.png,row{row}");
        }
        await File.WriteAllLinesAsync(Path.Combine(images, "manifest.csv"), manifest, ct);
        var prefix = Path.Combine(scratch, "features");
        await CliJsonAsync("features", "--images", images, "--out", prefix, "--corruptions", "blur-3,noise-2", "--seed", "4");
        var cli = await CliJsonAsync("evaluate", "--model", folder, "--embeddings", embeddings, "--similarity", "cosine", "--triplets", triplets, "--format", "odd-last",
            "--set", ColourImageSet.Name, "--bootstrap", "50", "--seed", "1", "--few-shot-ways", "3", "--few-shot-shots", "1", "--transfer-seeds", "2", "--breeds", "--retention",
            "--corrupted", $"blur-3={prefix}.blur-3.npy", "--corrupted", $"noise-2={prefix}.noise-2.npy", "--json");

        var stored = JsonNode.Parse(evaluation.Report)!.AsObject();
        Assert.Equal(cli["all"]!["model"]!["accuracy"]!.ToJsonString(), stored["all"]!["model"]!["accuracy"]!.ToJsonString());
        foreach (var key in new[] { "few_shot", "breeds", "retention" })
        {
            Assert.NotNull(cli["transfer"]?[key]);
            Assert.Equal(cli["transfer"]![key]!.ToJsonString(), stored["transfer"]![key]!.ToJsonString());
        }
        Assert.Equal(2, cli["corruptions"]!["variants"]!.AsArray().Count);
        Assert.Equal(cli["corruptions"]!.ToJsonString(), stored["corruptions"]!.ToJsonString());
        Assert.Contains("second style", stored["style_shift"]![EvaluationReportView.NotComputed]!.GetValue<string>());

        // What the Models page's students table reads from this stored report (EvaluationReportView), against the CLI's figures.
        var rows = EvaluationReportView.Parse(evaluation.Report).TransferFigures().ToDictionary(r => r.Name);
        double Value(JsonNode? figure) => figure!["value"]!.GetValue<double>();
        Assert.Equal(Value(cli["transfer"]!["few_shot"]!["model"]![0]!["accuracy"]), rows["few-shot 3-way 1-shot"].Model!.Value);
        Assert.Equal(Value(cli["transfer"]!["few_shot"]!["baseline"]![0]!["accuracy"]), rows["few-shot 3-way 1-shot"].Baseline!.Value);
        Assert.Equal(Value(cli["transfer"]!["breeds"]!["model"]!["target_accuracy"]), rows["shift: BREEDS target accuracy"].Model!.Value);
        Assert.Equal(Value(cli["transfer"]!["retention"]!["ratio"]), rows["retention: NN accuracy / base"].Model!.Value);
        Assert.Equal(Value(cli["corruptions"]!["variants"]![1]!["models"]!["model"]!["agreement"]), rows["corruption noise-2: agreement"].Model!.Value);
        Assert.Equal(Value(cli["corruptions"]!["variants"]![1]!["models"]!["baseline"]!["agreement"]), rows["corruption noise-2: agreement"].Baseline!.Value);
        Assert.Contains("second style", rows["style shift"].NotComputed);
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public async Task A_section_whose_inputs_are_missing_is_stored_as_not_computed_with_the_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        // 9 ways of a hierarchy with 4 finest categories; and a worker without a stimulus store.
        var sections = new EvaluationSectionOptions(FewShotWays: 9, FewShotShots: [1], TransferSeeds: 1);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(teacher.Id, Bootstrap: 20, Seed: 1, Sections: sections), ct);

        var stored = JsonNode.Parse(evaluation.Report)!;
        Assert.Contains("9-way 1-shot needs 9 categories", stored["transfer"]!["few_shot"]![EvaluationReportView.NotComputed]!.GetValue<string>());
        Assert.NotNull(stored["transfer"]!["breeds"]!["model"]);
        Assert.Contains("no stimulus store", stored["corruptions"]![EvaluationReportView.NotComputed]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;
using AligNet.Data;
using AligNet.Data.Dashboards;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Robustness;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Transfer;
using AligNet.Ml;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Pipelines.Students;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// How much transfer and robustness work an evaluation run does. The defaults are <c>alignet evaluate</c>'s where they
/// are cheap (5 transfer seeds, 100 episodes, 1- and 5-shot) and one corruption (each costs a ResNet18 pass over the
/// set's images, and decoded copies of all of them are held in memory, hence the image limit).
/// </summary>
public sealed record EvaluationSectionOptions(int FewShotWays = 5, int[]? FewShotShots = null, int TransferSeeds = 5, int EpisodesPerSeed = 100,
    string[]? Corruptions = null, int CorruptionSeed = 0, int MaxCorruptionImages = 2000)
{
    public int[] Shots => FewShotShots ?? [1, 5];
    public string[] CorruptionNames => Corruptions ?? ["blur-3"];
}

/// <summary>
/// The sections of <c>alignet evaluate --json</c> beyond the suite, computed in the run from what the database holds, in
/// the same JSON shapes (<see cref="TransferSuite"/>, <see cref="RobustnessSuite"/>): few-shot, BREEDS and retention from
/// the set's category paths; corruptions from the set's images in the stimulus store (the packaged ResNet18 on corrupted
/// copies, seen through the version's representation). A section whose inputs are missing is stored as
/// <c>{"not_computed": reason}</c>, never left out; style shift always is (it needs a second rendering of the concepts).
/// </summary>
internal static class EvaluationSections
{
    public static async Task<IReadOnlyList<(string Key, JsonNode Section)>> ComputeAsync(AligNetDbContext db, EvaluatedRepresentation scored, ModelVersion version,
        IReadOnlyList<IReadOnlyList<string>> paths, string? stimulusRoot, bool allowCuda, EvaluationSectionOptions options, SuiteOptions suite, CancellationToken ct)
    {
        var hierarchy = new CategoryHierarchy(paths);
        var transfer = Transfer(scored, hierarchy, options, suite);
        ct.ThrowIfCancellationRequested();
        var corruptions = await CorruptionsAsync(db, scored, version, hierarchy, stimulusRoot, allowCuda, options, suite, ct);
        var styleShift = Missing("style shift needs the same concepts drawn in a second style (e.g. the emoji-<style> sets) and the run evaluates one stimulus set: " +
            "compute both sets' features and use 'alignet evaluate --style-shift NAME=FILE'");
        return [("transfer", transfer), ("corruptions", corruptions), ("style_shift", styleShift)];
    }

    private static JsonObject Missing(string reason) => new() { [EvaluationReportView.NotComputed] = reason };

    private static JsonObject Transfer(EvaluatedRepresentation scored, CategoryHierarchy hierarchy, EvaluationSectionOptions o, SuiteOptions suite)
    {
        (string, EmbeddingMatrix)[] features = [("model", scored.Representation), ("baseline", scored.Data.Embeddings)];
        var result = new JsonObject();
        foreach (var (key, part) in new[]
        {
            ("few_shot", new TransferOptions(o.FewShotWays, o.Shots, o.TransferSeeds, false, false, o.EpisodesPerSeed)),
            ("breeds", new TransferOptions(null, [], o.TransferSeeds, true, false, o.EpisodesPerSeed)),
            ("retention", new TransferOptions(null, [], o.TransferSeeds, false, true, o.EpisodesPerSeed)),
        })
        {
            // Each part on its own: a hierarchy too poor for one (too few categories) must not lose the others.
            try
            {
                result[key] = TransferSuite.Evaluate(features, hierarchy, part, suite)[key]!.DeepClone();
            }
            catch (ArgumentException ex)
            {
                result[key] = Missing($"the set's category paths do not allow it: {ex.Message}");
            }
        }
        return result;
    }

    private static async Task<JsonObject> CorruptionsAsync(AligNetDbContext db, EvaluatedRepresentation scored, ModelVersion version, CategoryHierarchy hierarchy,
        string? stimulusRoot, bool allowCuda, EvaluationSectionOptions o, SuiteOptions suite, CancellationToken ct)
    {
        if (o.CorruptionNames.Length == 0) return Missing("no corruptions were requested");
        if (version.BaseModel != ResNet18Featurizer.Model || version.BaseModelVersion != ResNet18ModelFiles.PackagedVersion)
        {
            return Missing($"the base model is {version.BaseModel} {version.BaseModelVersion}: corruptions re-run the packaged ResNet18 on corrupted images, so only versions over its features can be scored on them");
        }
        if (stimulusRoot is null) return Missing("this worker has no stimulus store (Stimuli__Root) to read the images from");
        var rows = scored.Data.StimulusIds;
        if (rows.Count > o.MaxCorruptionImages)
        {
            return Missing($"the set has {rows.Count} images, over the run's limit of {o.MaxCorruptionImages} (decoded copies are held in memory): raise MaxCorruptionImages on a worker with the memory, or use 'alignet features --corruptions'");
        }
        var corruptions = o.CorruptionNames.Select(ImageCorruption.Parse).ToList();
        var files = ResNet18ModelFiles.InOutputDirectory();
        List<float[]> clean;
        using (var preprocessing = new OnnxGraphModule("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph))
        {
            try
            {
                clean = [.. (await StudentPoolImages.LoadAsync(db, rows, stimulusRoot, preprocessing, ct)).Images.Select(StimulusImageDecoder.DecodeToRgbPlanes)];
            }
            catch (StudentDataException ex)
            {
                return Missing($"the set's images are not all in the stimulus store: {ex.Message}");
            }
        }
        var shifted = new List<ShiftedImages>();
        using (var featurizer = new ResNet18Featurizer(files, ComputeDevice.Select(allowCuda)))
        {
            foreach (var corruption in corruptions)
            {
                ct.ThrowIfCancellationRequested();
                var planes = CorruptedImages.Apply(clean, corruption, o.CorruptionSeed);
                var features = CorruptedImages.Features(featurizer, planes);
                shifted.Add(new ShiftedImages(new EmbeddingMatrix(rows.Count, ResNet18Featurizer.EmbeddingSize, Array.ConvertAll(features, v => (double)v)),
                    scored.ReadsImages ? planes : [])); // only an image student needs the copies kept (0.6 MB per image)
            }
        }
        RobustModel[] models =
        [
            new("model", scored.Representation, scored.OfShifted(shifted), SimilarityKind.Dot, scored.Temperature),
            new("baseline", scored.Data.Embeddings, [.. shifted.Select(s => s.BaseFeatures)], SimilarityKind.Cosine, null),
        ];
        string[] names = [.. corruptions.Select(c => c.Name)];
        try
        {
            return RobustnessSuite.Evaluate(names, models, scored.Split.Test, hierarchy, o.TransferSeeds, suite);
        }
        catch (ArgumentException ex)
        {
            // The linear probe needs richer category paths than the agreement figures: keep those, say why the probe is missing.
            var section = RobustnessSuite.Evaluate(names, models, scored.Split.Test, null, o.TransferSeeds, suite);
            section["probe_" + EvaluationReportView.NotComputed] = ex.Message;
            return section;
        }
    }
}

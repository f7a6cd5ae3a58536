using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Generation;

/// <summary>
/// Small pools for generation tests: <c>classes</c> blobs of <c>perClass</c> items in <c>dimensions</c> dimensions,
/// blob centres far apart (so k-means with k = classes finds the classes), labelled by blob; and a teacher that is a
/// fixed random near-identity transform with a temperature, as an artifact would hold it.
/// </summary>
internal sealed class GenerationWorld
{
    public GenerationWorld(int classes = 4, int perClass = 6, int dimensions = 8, double spread = 0.3, int seed = 5)
    {
        var random = new Random(seed);
        var n = classes * perClass;
        var values = new double[n * dimensions];
        var labels = new string[n];
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dimensions).Select(_ => random.NextDouble() * 10 - 5).ToArray()).ToArray();
        for (var item = 0; item < n; item++)
        {
            // Items of a class are interleaved through the pool, so pool order says nothing about classes.
            var c = item % classes;
            labels[item] = $"class-{c}";
            for (var d = 0; d < dimensions; d++) values[item * dimensions + d] = centres[c][d] + (random.NextDouble() - 0.5) * spread;
        }
        Embeddings = new EmbeddingMatrix(n, dimensions, values);
        Labels = labels;
        Ids = [.. Enumerable.Range(0, n).Select(i => $"stimulus-{i}")];
        var weight = new double[dimensions * dimensions];
        for (var i = 0; i < dimensions; i++) for (var j = 0; j < dimensions; j++) weight[i * dimensions + j] = (i == j ? 1 : 0) / Math.Sqrt(dimensions) + (random.NextDouble() - 0.5) * 0.05;
        var bias = Enumerable.Range(0, dimensions).Select(_ => random.NextDouble() * 0.1).ToArray();
        Teacher = new TeacherModel(dimensions, weight, bias, 0.2, 1.7, 0.8, EmbeddingFingerprint.Of(Embeddings));
        Manifest = new TeacherManifest(TeacherArtifact.FormatName, TeacherArtifact.FormatVersion, Teacher.Embeddings, Teacher.Mean, Teacher.Deviation,
            Teacher.Temperature, TeacherArtifact.WeightsFile, "test-weights", null, null, null, null);
        Classes = classes;
    }

    public EmbeddingMatrix Embeddings { get; }
    public string[] Labels { get; }
    public string[] Ids { get; }
    public TeacherModel Teacher { get; }
    public TeacherManifest Manifest { get; }
    public int Classes { get; }
    public int Items => Embeddings.Rows;

    public GenerationPool Pool(bool labels = true, bool ids = true) => new(Embeddings, ids ? Ids : null, labels ? Labels : null);

    public Task<GenerationResult> GenerateAsync(GenerationOptions options, string directory) =>
        GenerateAsync(options, directory, null, TestContext.Current.CancellationToken);

    public Task<GenerationResult> GenerateAsync(GenerationOptions options, string directory, IGenerationProgress? progress, CancellationToken ct) =>
        new TripletGenerator(options, progress).GenerateAsync(Teacher, Manifest, Pool(), directory, ct);

    /// <summary>Every row of every shard of a data set, validation first.</summary>
    public static async Task<List<(string Folder, ShardFile.Content Content)>> ReadAllAsync(GenerationResult result)
    {
        var all = new List<(string, ShardFile.Content)>();
        foreach (var shard in result.Manifest.ValidationShards.Concat(result.Manifest.TrainShards))
        {
            all.Add((shard.File.Split('/')[0], await ShardFile.ReadAsync(Path.Combine(result.Directory, shard.File), TestContext.Current.CancellationToken)));
        }
        return all;
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("alignet-generate-").FullName;
}

using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Generation;
using AligNet.Ml.Students;
using AligNet.Ml.Teacher;
using AligNet.Ml.Tests.Generation;

namespace AligNet.Ml.Tests.Students;

/// <summary>A small generated AligNet data set (40 items in 8 dimensions, 3,000 + 300 triplets) and helpers to train students on it.</summary>
internal sealed class StudentWorld
{
    public GenerationWorld Generation { get; } = new(classes: 5, perClass: 8, dimensions: 8);
    public string DataDirectory { get; } = GenerationWorld.TempDirectory();

    public EmbeddingMatrix Embeddings => Generation.Embeddings;

    public static async Task<StudentWorld> CreateAsync(TeacherModel? teacher = null, string mixture = "between_cluster=0.5,random=0.5")
    {
        var world = new StudentWorld();
        var options = new GenerationOptions(3000, Clusters: 5, Mixture: mixture, Seed: 3, Validation: 300, ShardSize: 1000, Threads: 1);
        await new TripletGenerator(options).GenerateAsync(teacher ?? world.Generation.Teacher, world.Generation.Manifest, world.Generation.Pool(), world.DataDirectory, TestContext.Current.CancellationToken);
        return world;
    }

    public Task<TripletDataset> LoadAsync(EmbeddingMatrix? pool = null) =>
        TripletDataset.LoadAsync(DataDirectory, EmbeddingFingerprint.Of(pool ?? Embeddings), TestContext.Current.CancellationToken);

    public Func<TorchSharp.torch.Device, IStudentNetwork> Factory(StudentOptions options) =>
        device => new EmbeddingStudent(Array.ConvertAll(Embeddings.Values, v => (float)v), Embeddings.Rows, Embeddings.Columns, options.Head, options.HiddenWidth, device);

    /// <summary>Every trainable value of the student, in parameter order.</summary>
    public static float[] Weights(IStudentNetwork student) =>
        [.. student.Module.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray())];
}

using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Tests.Teacher;

public class TeacherArtifactTests
{
    private static readonly Lazy<(EmbeddingMatrix X, TeacherResult Result)> Trained = new(() =>
    {
        var (x, responses) = TeacherTrainerTests.Synthetic();
        return (x, new TeacherTrainer(TeacherTrainerTests.Quick with { MaxEpochs = 2 }).Train(x, responses));
    });

    private static string SavedCopy()
    {
        var directory = Directory.CreateTempSubdirectory("teacher-").FullName;
        TeacherArtifact.Save(directory, Trained.Value.Result.Model, Trained.Value.Result);
        return directory;
    }

    [Fact]
    public void A_saved_teacher_loads_back_unchanged_and_leaves_no_temporary_files()
    {
        var directory = SavedCopy();

        var (model, manifest) = TeacherArtifact.Load(directory, Trained.Value.X);

        var original = Trained.Value.Result.Model;
        Assert.Equal(original.Weight, model.Weight);
        Assert.Equal(original.Bias, model.Bias);
        Assert.Equal((original.Mean, original.Deviation, original.Temperature), (model.Mean, model.Deviation, model.Temperature));
        Assert.Equal(new EmbeddingFingerprint(40, 8, original.Embeddings.Sha256), manifest.Embeddings);
        Assert.Equal(Trained.Value.Result.TestMetrics, manifest.TestMetrics);
        Assert.Equal([TeacherArtifact.ManifestFile, TeacherArtifact.WeightsFile], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Other_embeddings_are_refused_by_shape_and_by_content()
    {
        var directory = SavedCopy();
        var x = Trained.Value.X;
        var changed = (double[])x.Values.Clone();
        changed[0] += 1e-9;

        var byContent = Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(directory, new EmbeddingMatrix(40, 8, changed)));
        Assert.Contains("trained on other embeddings", byContent.Message);
        Assert.Contains("alignet teacher train", byContent.Message);
        Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(directory, new EmbeddingMatrix(20, 16, x.Values)));
    }

    [Fact]
    public void Corrupt_missing_and_foreign_artifacts_are_refused()
    {
        var corrupt = SavedCopy();
        var weights = Path.Combine(corrupt, TeacherArtifact.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        Assert.Contains("SHA-256", Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(corrupt)).Message);

        var foreign = SavedCopy();
        File.WriteAllText(Path.Combine(foreign, TeacherArtifact.ManifestFile), """{"format": "something-else", "version": 1}""");
        Assert.Contains("not a teacher manifest", Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(foreign)).Message);

        var truncated = SavedCopy();
        File.WriteAllText(Path.Combine(truncated, TeacherArtifact.ManifestFile), "{\"format\": \"alignet-te");
        Assert.Contains("not valid JSON", Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(truncated)).Message);

        var empty = Directory.CreateTempSubdirectory("teacher-").FullName;
        Assert.Contains("not found", Assert.Throws<TeacherArtifactException>(() => TeacherArtifact.Load(empty)).Message);
    }
}

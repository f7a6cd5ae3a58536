using TorchSharp;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml.Teacher;

namespace AligNet.Ml.Students;

/// <summary>
/// Trains an embedding-level student into a folder and writes its artifact: the one path the CLI and the job share.
/// Checkpoints go to <c>{folder}/checkpoints</c> (a rerun resumes there) and are removed once the artifact is written.
/// </summary>
public static class EmbeddingStudentRun
{
    public const string CheckpointFolder = "checkpoints";

    public static StudentManifest Train(EmbeddingMatrix embeddings, EmbeddingFingerprint fingerprint, TripletDataset data, StudentOptions options,
        string folder, IStudentProgress? progress, CancellationToken ct)
    {
        var values = Array.ConvertAll(embeddings.Values, v => (float)v);
        var checkpoints = Path.Combine(folder, CheckpointFolder);
        var (result, student) = new StudentTrainer(options, progress).Train(
            device => new EmbeddingStudent(values, embeddings.Rows, embeddings.Columns, options.Head, options.HiddenWidth, device),
            data, checkpoints, $"embedding student over {fingerprint.Sha256}", ct);
        using (student)
        {
            var manifest = new StudentManifest(StudentArtifact.FormatName, StudentArtifact.FormatVersion, "embedding", options.Head, embeddings.Columns,
                options.HiddenWidth, fingerprint, StudentArtifact.Source(data), options, result, StudentArtifact.WeightsFile, "");
            // Saved from the CPU, so that the artifact loads anywhere.
            ((EmbeddingStudent)student).Head.cpu();
            var saved = StudentArtifact.Save(folder, ((EmbeddingStudent)student).Head, manifest);
            if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
            return saved;
        }
    }
}

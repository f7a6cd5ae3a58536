using AligNet.Data;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Pipelines.Students;
using TorchSharp;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// An image student's representation of an evaluation's rows: its images read from the stimulus store in the rows'
/// order and run through the student's ResNet18 by <see cref="ImageStudentRun.Embed"/> — the code
/// <c>alignet student embed --model DIR --images|--set …</c> runs — reading (and filling) the image students' shared
/// prefix cache. CPU unless the caller allows CUDA and libtorch sees a GPU.
/// </summary>
internal static class StudentImageRepresentation
{
    public static async Task<EmbeddingMatrix> EmbedAsync(AligNetDbContext db, string folder, IReadOnlyList<Guid> stimulusIds, string artifactRoot,
        string? stimulusRoot, bool allowCuda, CancellationToken ct)
    {
        if (stimulusRoot is null) throw new InvalidOperationException("Evaluating an image student needs the stimulus store's root.");
        var files = ResNet18ModelFiles.InOutputDirectory();
        try
        {
            using var preprocessing = new OnnxGraphModule("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph);
            var images = await StudentPoolImages.LoadAsync(db, stimulusIds, stimulusRoot, preprocessing, ct);
            ct.ThrowIfCancellationRequested();
            var device = ComputeDevice.Select(allowCuda);
            var (network, _) = ImageStudentRun.Load(folder, files);
            using (network)
            {
                network.to(device);
                var values = ImageStudentRun.Embed(network, images, device, files, Path.Combine(artifactRoot, StudentTrainingPipeline.PrefixCacheFolder));
                return new EmbeddingMatrix(images.Count, ResNet18Featurizer.EmbeddingSize, Array.ConvertAll(values, v => (double)v));
            }
        }
        catch (StudentDataException ex)
        {
            // A missing image or a student of another network version: the same input fails the same way again.
            throw new ArgumentException(ex.Message, ex);
        }
    }

    /// <summary>The student's representation of already decoded (e.g. corrupted) images, one matrix per list; no prefix cache (the inputs are not the stored images).</summary>
    public static IReadOnlyList<EmbeddingMatrix> EmbedPlanes(string folder, IReadOnlyList<IReadOnlyList<float[]>> variants, bool allowCuda)
    {
        var files = ResNet18ModelFiles.InOutputDirectory();
        using var preprocessing = new OnnxGraphModule("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph);
        var device = ComputeDevice.Select(allowCuda);
        var (network, _) = ImageStudentRun.Load(folder, files);
        using (network)
        {
            network.to(device);
            return [.. variants.Select(planes => new EmbeddingMatrix(planes.Count, ResNet18Featurizer.EmbeddingSize,
                Array.ConvertAll(ImageStudentRun.Embed(network, new DecodedStudentImages(planes, preprocessing), device), v => (double)v)))];
        }
    }
}

using System.CommandLine;
using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Ml.Generation;
using AligNet.Pipelines.Students;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;

namespace AligNet.Cli.Commands;

/// <summary>The options of <c>alignet student train|embed</c> that make an image student (a trainable ResNet18 over the pool's images).</summary>
internal sealed class StudentImageArguments
{
    public Option<DirectoryInfo?> Images { get; } = new("--images") { Description = "Folder of the pool's images (PNG/JPEG): trains or runs a ResNet18 image student instead of a head over embeddings." };
    public Option<FileInfo?> Order { get; } = new("--image-list") { Description = "One image path (relative to --images) per pool row, in the embeddings' row order (default: every image under --images by path, ordinal order)." };
    public Option<string> TrainFrom { get; } = new("--train-from") { Description = "Stages that train: all, or layer1|layer2|layer3|layer4 and every later one (earlier ones are frozen and cached).", DefaultValueFactory = _ => "layer4" };
    public Option<bool> LinearHead { get; } = new("--linear-head") { Description = "Add a 512 × 512 linear head (at the identity) after the pool." };
    public Option<string> BatchNorm { get; } = new("--batchnorm") { Description = "frozen (running statistics, default) or batch (batch statistics in the trained stages).", DefaultValueFactory = _ => "frozen" };
    public Option<DirectoryInfo?> CacheFolder { get; } = new("--cache-dir") { Description = "Keep the frozen stages' activations on disk here as well (default: memory only)." };
    public Option<string?> Set { get; } = new("--set") { Description = "A stimulus set (name or id) from the database instead of --images (and, for train, --embeddings): its images from the stimulus store, its stored ResNet18 embeddings as the pool, in index order." };

    public StudentImageArguments()
    {
        TrainFrom.AcceptOnlyFromAmong("all", "layer1", "layer2", "layer3", "layer4");
        BatchNorm.AcceptOnlyFromAmong("frozen", "batch");
    }

    public IEnumerable<Option> Training => [Images, Order, Set, TrainFrom, LinearHead, BatchNorm, CacheFolder];

    public ImageStudentOptions Options(ParseResult parse) => new(
        Enum.Parse<TrainFrom>(parse.GetValue(TrainFrom)!, ignoreCase: true), parse.GetValue(LinearHead),
        parse.GetValue(BatchNorm) == "batch" ? BatchNormPolicy.Batch : BatchNormPolicy.Frozen, parse.GetValue(CacheFolder)?.FullName);

    /// <summary>The pool's images as the student reads them, preprocessed by the packaged ResNetPreprocess.onnx.</summary>
    public static EncodedStudentImages Read(DirectoryInfo folder, FileInfo? order, OnnxGraphModule preprocessing)
    {
        IReadOnlyList<string>? names = null;
        if (order is not null)
        {
            if (!order.Exists) throw new StudentDataException($"{order.FullName} not found: pass --image-list a file with one image path per pool row.");
            names = [.. File.ReadAllLines(order.FullName).Where(line => line.Trim().Length > 0).Select(line => line.Trim())];
        }
        return new EncodedStudentImages(EncodedStudentImages.ReadFolder(folder.FullName, names), preprocessing);
    }

    /// <summary>
    /// A stimulus set's pool from the database: the packaged ResNet18's stored embeddings of its stimuli (index order;
    /// what 'alignet generate' over that set's ResNet18 teacher samples from) and their images from the stimulus store.
    /// </summary>
    public static async Task<(GenerationPool Pool, EncodedStudentImages Images)> ReadSetAsync(string idOrName, OnnxGraphModule preprocessing, CancellationToken ct)
    {
        var stimulusRoot = AligNet.Data.Startup.StorageRoots.Validate(CliConfiguration.Build(), required: false).Stimuli;
        await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
        var setId = await StimulusSets.ResolveAsync(db, idOrName, ct);
        GenerationPool pool;
        try
        {
            pool = await StudentPoolImages.LoadResNet18PoolAsync(db, [setId], ct);
        }
        catch (GenerationException ex)
        {
            throw new StudentDataException($"set '{idOrName}': {ex.Message}", ex);
        }
        return (pool, await StudentPoolImages.LoadAsync(db, pool, stimulusRoot, preprocessing, ct));
    }

    /// <summary>The packaged preprocessing graph (RGB → BGR minus the mean image), as the inference port runs it.</summary>
    public static OnnxGraphModule Preprocessing(ResNet18ModelFiles files) => new("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph);
}

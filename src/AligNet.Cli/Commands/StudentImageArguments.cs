using System.CommandLine;
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

    public StudentImageArguments()
    {
        TrainFrom.AcceptOnlyFromAmong("all", "layer1", "layer2", "layer3", "layer4");
        BatchNorm.AcceptOnlyFromAmong("frozen", "batch");
    }

    public IEnumerable<Option> Training => [Images, Order, TrainFrom, LinearHead, BatchNorm, CacheFolder];

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

    /// <summary>The packaged preprocessing graph (RGB → BGR minus the mean image), as the inference port runs it.</summary>
    public static OnnxGraphModule Preprocessing(ResNet18ModelFiles files) => new("resnet_preprocess", OnnxModelFile.Read(files.PreprocessingPath).Graph);
}

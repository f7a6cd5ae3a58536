using System.Reflection;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// Where the pretrained ResNet18 lives: the network (<c>ResNet18.onnx</c>) and its input preprocessing
/// (<c>ResNetPreprocess.onnx</c>), plus the version that is stored with every embedding made from them.
/// The build copies both files from the NuGet package into every host's output under <c>DnnImageModels/</c>;
/// <see cref="FromDirectory"/> points elsewhere (a mounted volume, another package version).
/// </summary>
public sealed record ResNet18ModelFiles(string NetworkPath, string PreprocessingPath, string Version)
{
    public const string NetworkFileName = "ResNet18.onnx";
    public const string PreprocessingFileName = "ResNetPreprocess.onnx";

    /// <summary>The version of the NuGet package the build copied the files from (set in Directory.Packages.props).</summary>
    public static string PackagedVersion { get; } =
        typeof(ResNet18ModelFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "ResNet18FeaturizerVersion")?.Value
        ?? throw new InvalidOperationException("AligNet.Ml was built without its ResNet18FeaturizerVersion metadata.");

    /// <summary>The files the build put next to the running program (the package's layout: one folder per file).</summary>
    public static ResNet18ModelFiles InOutputDirectory() =>
        FromPaths(
            Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", NetworkFileName),
            Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", PreprocessingFileName),
            PackagedVersion);

    /// <summary>
    /// Files from another folder, either flat or in the package's layout (<c>ResNet18Onnx/</c>, <c>ResNetPrepOnnx/</c>).
    /// The caller names the version, because embeddings are stored per version and only the caller knows it.
    /// </summary>
    public static ResNet18ModelFiles FromDirectory(string directory, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        string Find(string subfolder, string fileName)
        {
            var flat = Path.Combine(directory, fileName);
            return File.Exists(flat) ? flat : Path.Combine(directory, subfolder, fileName);
        }
        return FromPaths(Find("ResNet18Onnx", NetworkFileName), Find("ResNetPrepOnnx", PreprocessingFileName), version);
    }

    private static ResNet18ModelFiles FromPaths(string network, string preprocessing, string version)
    {
        foreach (var path in new[] { network, preprocessing })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"ResNet18 model file not found: '{path}'. The build copies it from the NuGet package " +
                    "Microsoft.ML.DnnImageFeaturizer.ResNet18 into the output of every project that references AligNet.Ml; " +
                    "elsewhere pass its folder to ResNet18ModelFiles.FromDirectory.", path);
            }
        }
        return new ResNet18ModelFiles(network, preprocessing, version);
    }
}

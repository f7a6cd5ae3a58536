using System.Diagnostics;
using System.Globalization;
using AligNet.Benchmarks;
using AligNet.Ml;
using AligNet.Ml.BaseModels;
using TorchSharp;

// Images per second of the TorchSharp ResNet18 port and of ONNX Runtime on the same decoded photographs, measured in
// one process, engine after engine in each round so that load from other processes falls on all of them alike.
const string PhotoRoot = "/usr/share/tuxpaint/stamps";

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
var imageCount = Option("--images", 128);
var threads = Option("--threads", 2);
var rounds = Option("--rounds", 3);
var batchSize = Option("--batch", 32);
var device = args.Contains("--cuda") ? ComputeDevice.Select() : torch.CPU;

if (!Directory.Exists(PhotoRoot))
{
    Console.Error.WriteLine($"No photographs under {PhotoRoot}: install the Debian package tuxpaint-stamps-default.");
    return 2;
}
var files = Directory.GetFiles(PhotoRoot, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
var photos = Enumerable.Range(0, imageCount)
    .Select(index => new EncodedImage(files[index % files.Count], File.ReadAllBytes(files[index % files.Count])))
    .ToList();

torch.set_num_threads(threads);
using var featurizer = new ResNet18Featurizer(device: device);
using var ortPreprocessing = new OnnxRuntimeBatchSession(featurizer.Files.PreprocessingPath, threads, dynamicBatch: true);
using var ortNetwork = new OnnxRuntimeBatchSession(featurizer.Files.NetworkPath, threads, dynamicBatch: true);
using var shippedPreprocessing = new OnnxRuntimeBatchSession(featurizer.Files.PreprocessingPath, threads, dynamicBatch: false);
using var shippedNetwork = new OnnxRuntimeBatchSession(featurizer.Files.NetworkPath, threads, dynamicBatch: false);

// The plain node-for-node replay (no BatchNormalization folding), to show what the featurizer's folding buys.
using var unfoldedNetwork = new OnnxGraphModule("resnet18_unfolded", OnnxModelFile.Read(featurizer.Files.NetworkPath).Graph);
float[] RunUnfolded(float[] batch)
{
    using var scope = torch.NewDisposeScope();
    using var noGrad = torch.no_grad();
    var input = torch.tensor(batch, [batch.Length / StimulusImageDecoder.ValuesPerImage, 3, StimulusImageDecoder.Size, StimulusImageDecoder.Size]);
    return unfoldedNetwork.forward(featurizer.Preprocessing.forward(input)).data<float>().ToArray();
}

var decodeClock = Stopwatch.StartNew();
var batches = photos.Chunk(batchSize).Select(chunk => chunk.SelectMany(StimulusImageDecoder.DecodeToRgbPlanes).ToArray()).ToList();
decodeClock.Stop();

var engines = new (string Name, Action<float[]> RunBatch)[]
{
    ($"TorchSharp port, batch {batchSize}", batch => featurizer.EmbedRgbPlanes(batch)),
    ($"TorchSharp node-for-node replay, batch {batchSize}", batch => RunUnfolded(batch)),
    ($"ONNX Runtime, batch {batchSize} (batch dim freed)", batch => ortNetwork.Run(ortPreprocessing.Run(batch))),
    ("ONNX Runtime, batch 1 (files as shipped)", batch =>
    {
        foreach (var image in batch.Chunk(StimulusImageDecoder.ValuesPerImage))
        {
            shippedNetwork.Run(shippedPreprocessing.Run(image));
        }
    }),
};

Console.WriteLine($"ResNet18 {featurizer.Version}: {imageCount} Tux Paint photos, batch {batchSize}, {rounds} rounds, " +
                  $"{threads} threads for each engine, device {ComputeDevice.Describe(device)}, {Environment.ProcessorCount} cores, " +
                  $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"decoding + resizing (SkiaSharp, one thread): {imageCount / decodeClock.Elapsed.TotalSeconds:F0} images/s");

// Warm-up (first-call allocations, ONNX Runtime's lazy set-up) and a check that both engines agree on this run.
var torchFeatures = featurizer.EmbedRgbPlanes(batches[0]);
var ortFeatures = ortNetwork.Run(ortPreprocessing.Run(batches[0]));
var disagreement = torchFeatures.Zip(ortFeatures, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"warm-up batch: max |TorchSharp − ONNX Runtime| = {disagreement:G3}");
foreach (var engine in engines.Skip(1))
{
    engine.RunBatch(batches[0]);
}

var imagesPerSecond = engines.ToDictionary(engine => engine.Name, _ => new List<double>());
var embedEndToEnd = new List<double>();
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, runBatch) in engines)
    {
        var clock = Stopwatch.StartNew();
        batches.ForEach(runBatch);
        imagesPerSecond[name].Add(imageCount / clock.Elapsed.TotalSeconds);
    }
    var embedClock = Stopwatch.StartNew();
    featurizer.Embed(photos, batchSize);
    embedEndToEnd.Add(imageCount / embedClock.Elapsed.TotalSeconds);
}
imagesPerSecond[$"TorchSharp Embed() incl. decoding, batch {batchSize}"] = embedEndToEnd;

Console.WriteLine($"{"engine",-48} {"median",8} {"best",8}  images/s");
foreach (var (name, values) in imagesPerSecond)
{
    var sorted = values.Order().ToList();
    Console.WriteLine($"{name,-48} {sorted[sorted.Count / 2],8:F1} {sorted[^1],8:F1}");
}
return 0;

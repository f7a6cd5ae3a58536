using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AligNet.Ml;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using TorchSharp;
using static TorchSharp.torch;

// One measurement per process, printed as one JSON line; benchmarks/students.sh interleaves these with the PyTorch peer.
//   export DIR                                   the network (stages, nodes, attributes) as graph.json + weights.f32 for the peer
//   resnet --train-from all|layer4 [--batch 32] [--steps 3] [--warmup 1] [--threads 2]
//   embedding [--items 1854] [--dims 512] [--batch 512] [--steps 60] [--threads 2]
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
// Field 10 of /proc/self/stat (after the parenthesised command name): minor faults so far.
static long MinorFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7], CultureInfo.InvariantCulture);
int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var files = ResNet18ModelFiles.InOutputDirectory();
var device = ComputeDevice.Select(allowCuda: false); // also applies the allocator tuning the product uses
torch.set_num_threads(Int("--threads", 2));
switch (args.FirstOrDefault())
{
    case "export":
        ExportForPeer.Write(OnnxModelFile.Read(files.NetworkPath).Graph, args[1]);
        return 0;
    case "resnet":
    {
        var trainFrom = Enum.Parse<TrainFrom>(Arg("--train-from", "all"), ignoreCase: true);
        var (batch, steps, warmup) = (Int("--batch", 32), Int("--steps", 3), Int("--warmup", 1));
        using var network = ImageStudentRun.CreateNetwork(files, new ImageStudentOptions(trainFrom), device);
        torch.manual_seed(1);
        using var images = torch.randn(batch, 3, 224, 224) * 50;
        // The frozen prefix's output is what the cache holds: it is computed once, outside the timed steps.
        Tensor prefix;
        using (no_grad()) prefix = network.Prefix(images).detach();
        var parameters = network.parameters().Where(p => p.requires_grad).ToArray();
        // The product's optimizer (what StudentTrainer steps with); decay 0, as the peer runs plain torch.optim.Adam.
        using var adam = new AdamTowardInitial(parameters, decay: 0);
        var seconds = new List<double>();
        var phases = new double[4]; // forward, backward, Adam, dispose: where a step's time goes (the peer reports the same)
        long faults = 0;            // minor page faults in the timed steps: fresh memory the kernel had to zero
        for (var step = 0; step < warmup + steps; step++)
        {
            var faultsBefore = MinorFaults();
            var clock = Stopwatch.StartNew();
            var marks = new double[4];
            using (var scope = NewDisposeScope())
            {
                var loss = network.Suffix(prefix).pow(2).mean();
                marks[0] = clock.Elapsed.TotalSeconds;
                adam.ZeroGrad();
                loss.backward();
                marks[1] = clock.Elapsed.TotalSeconds;
                adam.Step(1e-5);
                marks[2] = clock.Elapsed.TotalSeconds;
            }
            marks[3] = clock.Elapsed.TotalSeconds;
            if (step < warmup) continue;
            seconds.Add(marks[3]);
            faults += MinorFaults() - faultsBefore;
            for (var i = 0; i < 4; i++) phases[i] += marks[i] - (i == 0 ? 0 : marks[i - 1]);
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            engine = "torchsharp", mode = $"resnet-{trainFrom.ToString().ToLowerInvariant()}", rate = batch * steps / seconds.Sum(), unit = "images/s",
            trainable = parameters.Sum(p => p.numel()), threads = torch.get_num_threads(), minor_faults_per_step = faults / steps,
            seconds_per_step = new { forward = phases[0] / steps, backward = phases[1] / steps, adam = phases[2] / steps, dispose = phases[3] / steps },
        }));
        return 0;
    }
    case "embedding":
    {
        // The product's trainer (StudentTrainer) on an in-memory data set: uniform random triplets over random features.
        var (items, dims, batch, steps) = (Int("--items", 1854), Int("--dims", 512), Int("--batch", 512), Int("--steps", 60));
        var random = new Random(3);
        var features = Enumerable.Range(0, items * dims).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var rows = batch * steps;
        var (i, j, k, p) = (new int[rows], new int[rows], new int[rows], new float[3 * rows]);
        for (var r = 0; r < rows; r++)
        {
            (i[r], j[r], k[r]) = (random.Next(items), random.Next(items), random.Next(items));
            var (a, b) = (random.NextSingle(), random.NextSingle());
            (p[3 * r], p[3 * r + 1], p[3 * r + 2]) = (a / (1 + a + b), b / (1 + a + b), 1 / (1 + a + b));
        }
        var data = new TripletDataset("benchmark", null!, "benchmark", new TripletSplitData(i, j, k, p), new TripletSplitData([], [], [], []));
        var options = new StudentOptions { Steps = steps, Batch = batch, CheckpointEvery = 0, ValidateEvery = steps };
        var (result, student) = new StudentTrainer(options).Train(d => new EmbeddingStudent(features, items, dims, StudentHeadKind.Linear, 0, d), data, null, "benchmark");
        student.Dispose();
        Console.WriteLine(JsonSerializer.Serialize(new { engine = "torchsharp", mode = "embedding", rate = result.TripletsPerSecond, unit = "triplets/s" }));
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: export DIR | resnet --train-from all|layer4 … | embedding …");
        return 2;
}

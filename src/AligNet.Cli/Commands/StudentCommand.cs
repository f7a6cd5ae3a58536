using System.CommandLine;
using AligNet.Evaluation.Embeddings;
using AligNet.Ml;
using AligNet.Ml.BaseModels;
using AligNet.Ml.Students;
using AligNet.Ml.Students.Images;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet student train|embed</c>: a student fine-tuned on an AligNet data set (METHOD.md §4), from files, no
/// database. Training writes checkpoints under <c>--out</c>/checkpoints; the same command run again resumes there.
/// </summary>
internal static class StudentCommand
{
    public static Command Create() => new("student", "Train a student on an AligNet data set, or compute a student's representation of embeddings.")
    {
        CreateTrain(), CreateEmbed(),
    };

    private static Command CreateTrain()
    {
        var embeddings = new Option<FileInfo?>("--embeddings") { Description = "Base embeddings of the data set's pool, one row per item (.npy, .csv or .tsv): the frozen features under the head (with --images: the pool the data set is checked against). Required unless --set." };
        var image = new StudentImageArguments();
        var data = new Option<DirectoryInfo>("--data") { Description = "AligNet data set folder written by 'alignet generate'.", Required = true };
        var head = new Option<string>("--head") { Description = "linear (p × p at the identity) or mlp (residual, starts as the identity).", DefaultValueFactory = _ => "linear" };
        head.AcceptOnlyFromAmong("linear", "mlp");
        var hidden = new Option<int>("--hidden") { Description = "Hidden width of the mlp head.", DefaultValueFactory = _ => 256 };
        var objective = new Option<string>("--objective") { Description = "jsd (default) or kl: the loss between the soft labels p and the student's q.", DefaultValueFactory = _ => "jsd" };
        objective.AcceptOnlyFromAmong("jsd", "kl");
        var defaults = new StudentOptions();
        var tau = new Option<double?>("--tau") { Description = $"τ_s of q = softmax([d_ij, d_ik, d_jk] / τ_s) (default {defaults.Temperature})." };
        var calibrateTau = new Option<DirectoryInfo?>("--calibrate-tau")
        {
            Description = "A teacher folder: τ_s = the base-model temperature it fitted × the pool's mean ‖x‖², so the untrained student is the calibrated base model (ADR-032). Instead of --tau.",
        };
        var decay = new Option<double>("--decay") { Description = "w of the decay toward the initial weights.", DefaultValueFactory = _ => defaults.Decay };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => defaults.Steps };
        var batch = new Option<int>("--batch") { Description = "Triplets per step.", DefaultValueFactory = _ => defaults.Batch };
        var learningRate = new Option<double>("--learning-rate") { Description = "Peak learning rate (after the warm-up).", DefaultValueFactory = _ => defaults.LearningRate };
        var warmup = new Option<int?>("--warmup") { Description = "Warm-up steps (default 5 % of --steps)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the batches and of libtorch.", DefaultValueFactory = _ => defaults.Seed };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Steps between checkpoints (0: none).", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var validateEvery = new Option<int>("--validate-every") { Description = "Steps between validations.", DefaultValueFactory = _ => defaults.ValidateEvery };
        var cuda = new Option<bool>("--cuda") { Description = "Train on a GPU when libtorch sees one (default: the CPU, reproducible bit for bit)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Student folder: manifest.json, weights.dat and checkpoints/.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("train", "Fine-tune a student (a head over embeddings, or with --images a ResNet18) on an AligNet data set and write its artifact.")
        {
            embeddings, data, head, hidden, objective, tau, calibrateTau, decay, steps, batch, learningRate, warmup, seed, checkpointEvery, validateEvery, cuda, output, json,
        };
        foreach (var option in image.Training) command.Options.Add(option);
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var options = new StudentOptions
            {
                Head = parse.GetValue(head) == "mlp" ? StudentHeadKind.Mlp : StudentHeadKind.Linear,
                HiddenWidth = parse.GetValue(hidden),
                Objective = parse.GetValue(objective) == "kl" ? StudentObjectiveKind.Kl : StudentObjectiveKind.Jsd,
                Temperature = parse.GetValue(tau) ?? defaults.Temperature, Decay = parse.GetValue(decay), Steps = parse.GetValue(steps), Batch = parse.GetValue(batch),
                LearningRate = parse.GetValue(learningRate), WarmupSteps = parse.GetValue(warmup), Seed = parse.GetValue(seed),
                CheckpointEvery = parse.GetValue(checkpointEvery), ValidateEvery = parse.GetValue(validateEvery), AllowCuda = parse.GetValue(cuda),
            };
            options.Validate();
            var setName = parse.GetValue(image.Set);
            if (setName is not null && (parse.GetValue(embeddings) is not null || parse.GetValue(image.Images) is not null))
            {
                throw new ArgumentException("--set takes the images and the pool's embeddings from the database: drop --images and --embeddings (or drop --set).");
            }
            if (setName is null && parse.GetValue(embeddings) is null) throw new ArgumentException("pass --embeddings F (the data set's pool), or --set NAME for an image student over a stimulus set.");
            var files = ResNet18ModelFiles.InOutputDirectory();
            using var preprocessing = StudentImageArguments.Preprocessing(files);
            var fromSet = setName is null ? default : await StudentImageArguments.ReadSetAsync(setName, preprocessing, ct);
            var matrix = fromSet.Pool?.Embeddings ?? EmbeddingFiles.Read(parse.GetValue(embeddings)!.FullName);
            if (matrix.FirstNonFinite() is { } at) throw new StudentDataException($"embedding row {at.Row}, column {at.Column} is NaN or infinite: fix the embeddings file.");
            if (parse.GetValue(calibrateTau) is { } teacherFolder)
            {
                if (parse.GetValue(tau) is not null) throw new ArgumentException("--tau and --calibrate-tau both set τ_s: pass one of them.");
                var baseTemperature = TeacherArtifact.Load(teacherFolder.FullName).Manifest.TestMetrics?.BaseCalibrated.Temperature ?? double.NaN;
                options = options with { Temperature = StudentTemperature.Calibrated(baseTemperature, matrix) };
            }
            var fingerprint = EmbeddingFingerprint.Of(matrix);
            var dataset = await TripletDataset.LoadAsync(parse.GetValue(data)!.FullName, fingerprint, ct);
            var folder = parse.GetValue(output)!.FullName;
            var images = fromSet.Images ?? (parse.GetValue(image.Images) is { } imageFolder ? StudentImageArguments.Read(imageFolder, parse.GetValue(image.Order), preprocessing) : null);
            var outcome = images is not null
                ? ImageStudentRun.Train(files, images, fingerprint, dataset, options, image.Options(parse), folder, new ConsoleProgress(), ct)
                : EmbeddingStudentRun.Train(matrix, fingerprint, dataset, options, folder, new ConsoleProgress(), ct);
            Print(outcome, folder, parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    private static Command CreateEmbed()
    {
        var model = new Option<DirectoryInfo?>("--model") { Description = "Student folder written by 'alignet student train'." };
        var baseModel = new Option<bool>("--base") { Description = "With --images and no --model: the base ResNet18's embeddings (the inference port), e.g. the pool of a data set." };
        var embeddings = new Option<FileInfo?>("--embeddings") { Description = "Base embeddings to transform, one row per item (.npy, .csv or .tsv): for an embedding student." };
        var image = new StudentImageArguments();
        var output = new Option<FileInfo>("--out") { Description = "The student's representation, one row per input row, as float32 .npy.", Required = true };
        var command = new Command("embed", "Write the student's representation of every row of an embeddings file (or every image), in the input's order.")
        {
            model, baseModel, embeddings, image.Images, image.Order, image.Set, image.CacheFolder, output,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var imageInput = parse.GetValue(image.Images) is not null || parse.GetValue(image.Set) is not null;
            if (new[] { parse.GetValue(embeddings) is not null, parse.GetValue(image.Images) is not null, parse.GetValue(image.Set) is not null }.Count(given => given) != 1)
            {
                throw new ArgumentException("pass exactly one of --embeddings (an embedding student), --images or --set (an image student).");
            }
            if ((parse.GetValue(model) is null) != (parse.GetValue(baseModel) && imageInput))
            {
                throw new ArgumentException("pass --model DIR (a trained student), or --base with --images or --set (the base ResNet18).");
            }
            if (imageInput) return await EmbedImagesAsync(parse.GetValue(model)?.FullName, image, parse, parse.GetValue(output)!.FullName, ct);
            var (headModule, manifest) = StudentArtifact.Load(parse.GetValue(model)!.FullName);
            using var head = headModule;
            var matrix = EmbeddingFiles.Read(parse.GetValue(embeddings)!.FullName);
            var values = StudentArtifact.Embed(head, manifest, matrix);
            var path = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, NpyWriter.Float32(matrix.Rows, manifest.Dimensions, values));
            Console.Error.WriteLine($"{matrix.Rows} × {manifest.Dimensions} written to {path}");
            return 0;
        }));
        return command;
    }

    private static async Task<int> EmbedImagesAsync(string? model, StudentImageArguments image, ParseResult parse, string path, CancellationToken ct)
    {
        var files = ResNet18ModelFiles.InOutputDirectory();
        using var featurizer = new ResNet18Featurizer(files, TorchSharp.torch.CPU);
        var images = parse.GetValue(image.Set) is { } set
            ? (await StudentImageArguments.ReadSetAsync(set, featurizer.Preprocessing, ct)).Images
            : StudentImageArguments.Read(parse.GetValue(image.Images)!, parse.GetValue(image.Order), featurizer.Preprocessing);
        var cacheFolder = parse.GetValue(image.CacheFolder)?.FullName;
        float[] values;
        if (model is null)
        {
            values = [.. featurizer.Embed(images.Images).SelectMany(row => row)];
        }
        else
        {
            var (network, _) = ImageStudentRun.Load(model, files);
            using (network) values = ImageStudentRun.Embed(network, images, TorchSharp.torch.CPU, files, cacheFolder);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, NpyWriter.Float32(images.Count, ResNet18Featurizer.EmbeddingSize, values));
        Console.Error.WriteLine($"{images.Count} × {ResNet18Featurizer.EmbeddingSize} written to {path}");
        return 0;
    }

    private static void Print(StudentManifest m, string folder, bool json)
    {
        var r = m.Result!;
        if (!json)
        {
            Console.WriteLine($"student in {folder}: validation {m.Options.Objective} {r.Initial.ValidationLoss:F4} → {r.Final.ValidationLoss:F4}, " +
                $"agreement with the labels {r.Initial.ValidationAgreement:P1} → {r.Final.ValidationAgreement:P1} ({r.Seconds:F0} s, {r.TripletsPerSecond:N0} triplets/s, {r.Device})");
            return;
        }
        JsonOutput.Write(new
        {
            artifact = folder, kind = m.Kind, head = m.Image is null ? m.Head.ToString().ToLowerInvariant() : m.Image.LinearHead ? "linear" : "none",
            train_from = m.Image?.TrainFrom.ToString().ToLowerInvariant(), batchnorm = m.Image?.BatchNorm.ToString().ToLowerInvariant(), objective = m.Options.Objective.ToString().ToLowerInvariant(),
            seed = m.Options.Seed, steps = m.Options.Steps, data = m.Data.Directory, labels = m.Data.Parameters.Labeller,
            initial = Point(r.Initial), final = Point(r.Final), curve = r.Curve.Select(Point).ToList(), resumed_from_step = r.ResumedFromStep,
            seconds = r.Seconds, triplets_per_second = r.TripletsPerSecond, device = r.Device,
        });
    }

    /// <summary>A curve point for JSON: a figure that is not defined (the training loss before any step) is null.</summary>
    private static object Point(StudentCurvePoint p)
    {
        static double? Defined(double v) => double.IsFinite(v) ? v : null;
        return new
        {
            step = p.Step, learning_rate = p.LearningRate, train_loss = Defined(p.TrainLoss),
            validation_loss = Defined(p.ValidationLoss), validation_agreement = Defined(p.ValidationAgreement),
        };
    }

    /// <summary>One line per curve point on stderr, so that --json output on stdout stays one object.</summary>
    private sealed class ConsoleProgress : IStudentProgress
    {
        public void Report(StudentCurvePoint p) =>
            Console.Error.WriteLine($"step {p.Step}: lr {p.LearningRate:G3}, train {p.TrainLoss:F5}, validation {p.ValidationLoss:F5}, agreement {p.ValidationAgreement:P2}");

        public void Checkpointed(int step) => Console.Error.WriteLine($"checkpoint at step {step}");
    }
}

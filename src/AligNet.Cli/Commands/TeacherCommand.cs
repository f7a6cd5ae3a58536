using System.CommandLine;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary><c>alignet teacher train|eval</c>: the human-aligned affine transform of METHOD.md §2.</summary>
internal static class TeacherCommand
{
    public static Command Create() => new("teacher", "Train a teacher (an affine transform of base embeddings fitted to human triplets) or evaluate one.")
    {
        CreateTrain(), CreateEval(),
    };

    private sealed record InputOptions(Option<FileInfo> Embeddings, Option<FileInfo> Triplets, Option<string> Format, Option<FileInfo?> Reorder, Option<bool> Json)
    {
        public static InputOptions Create()
        {
            var format = new Option<string>("--format") { Description = "odd-last ('i j k [subject]', 0-based, k odd) or choice ('i j k choice [subject]', 1-based).", Required = true };
            format.AcceptOnlyFromAmong("odd-last", "choice");
            return new(
                new Option<FileInfo>("--embeddings") { Description = "Base embeddings, one row per item: .npy, .csv or .tsv.", Required = true },
                new Option<FileInfo>("--triplets") { Description = "Human triplets file.", Required = true },
                format,
                new Option<FileInfo?>("--reorder") { Description = "List whose entry t is the triplet file's index of embedding row t (THINGS' sortindex.txt)." },
                new Option<bool>("--json") { Description = "Print one JSON object." });
        }

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { Embeddings, Triplets, Format, Reorder, Json }) command.Options.Add(option);
        }

        public (EmbeddingMatrix Matrix, IReadOnlyList<TripletResponse> Responses) Read(ParseResult parse)
        {
            var matrix = EmbeddingFiles.Read(parse.GetValue(Embeddings)!.FullName);
            var order = parse.GetValue(Reorder) is { } file ? IndexListReader.Read(file.FullName) : null;
            return (matrix, TripletFileReader.Read(parse.GetValue(Triplets)!.FullName, TripletFormats.Parse(parse.GetValue(Format)!), matrix.Rows, order));
        }
    }

    private static Command CreateTrain()
    {
        var input = InputOptions.Create();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for manifest.json and weights.bin.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the split, the batches and libtorch.", DefaultValueFactory = _ => 42 };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs per λ (early stopping usually ends sooner).", DefaultValueFactory = _ => 100 };
        var lambda = new Option<double[]>("--lambda") { Description = "λ values to choose from on validation loss (default 10 1 0.1 0.01 0.001).", AllowMultipleArgumentsPerToken = true };
        var localBatch = new Option<int>("--local-batch") { Description = "Stimuli per L_local batch.", DefaultValueFactory = _ => 1024 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam learning rate.", DefaultValueFactory = _ => 1e-3 };
        var cpu = new Option<bool>("--cpu") { Description = "Train on the CPU even when a GPU is present." };
        var localPool = new Option<FileInfo?>("--local-pool") { Description = "Base embeddings (same model) of the pool the teacher will label: L_local is computed there instead of on the training items (gLocal)." };
        var command = new Command("train", "Train a teacher, score base vs teacher on its own held-out triplets, and write the artifact.")
        {
            output, seed, epochs, lambda, localBatch, learningRate, cpu, localPool,
        };
        input.AddTo(command);
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var (matrix, responses) = input.Read(parse);
            var defaults = new TeacherOptions();
            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                MaxEpochs = parse.GetValue(epochs),
                LambdaGrid = parse.GetValue(lambda) is { Length: > 0 } grid ? grid : defaults.LambdaGrid,
                LocalBatch = parse.GetValue(localBatch),
                LearningRate = parse.GetValue(learningRate),
                AllowCuda = !parse.GetValue(cpu),
            };
            var pool = parse.GetValue(localPool) is { } poolFile ? EmbeddingFiles.Read(poolFile.FullName) : null;
            var result = new TeacherTrainer(options, new ConsoleProgress()).Train(matrix, responses, pool);
            var directory = parse.GetValue(output)!.FullName;
            TeacherArtifact.Save(directory, result.Model, result);
            PrintTrain(result, directory, parse.GetValue(input.Json));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command CreateEval()
    {
        var input = InputOptions.Create();
        var model = new Option<DirectoryInfo>("--model") { Description = "Folder written by 'teacher train'.", Required = true };
        var uncalibrated = new Option<bool>("--uncalibrated") { Description = "Use T = 1 instead of the fitted temperature." };
        var command = new Command("eval", "Score a trained teacher against human triplets (the keys of 'alignet eval').") { model, uncalibrated };
        input.AddTo(command);
        command.SetAction((parse, _) => CliErrors.GuardAsync(() =>
        {
            var (matrix, responses) = input.Read(parse);
            var (teacher, _) = TeacherArtifact.Load(parse.GetValue(model)!.FullName, matrix);
            var report = OddOneOutEvaluator.Evaluate(teacher.OddOneOut(matrix, calibrated: !parse.GetValue(uncalibrated)), responses);
            EvalCommand.Print(report, SimilarityKind.Dot, matrix, parse.GetValue(input.Json));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static void PrintTrain(TeacherResult r, string directory, bool json)
    {
        static object Scores(OddOneOutReport m) => new
        {
            accuracy = m.Accuracy, majority_accuracy = m.MajorityAccuracy, noise_ceiling = m.NoiseCeiling,
            nll = m.Nll, ece = m.Ece, temperature = m.Temperature,
        };
        var t = r.TestMetrics;
        if (!json)
        {
            Console.WriteLine($"λ = {r.ChosenLambda}, T = {r.Model.Temperature:G4}, {r.TripletsPerSecond:F0} triplets/s on {r.Device}; artifact in {directory}");
            Console.WriteLine($"test accuracy: base {t.Base.Accuracy:F4} → teacher {t.Teacher.Accuracy:F4}; NLL base {t.BaseCalibrated.Nll:F4} → teacher {t.TeacherCalibrated.Nll:F4} (calibrated)");
            return;
        }
        JsonOutput.Write(new
        {
            artifact = directory, seed = r.Options.Seed, chosen_lambda = r.ChosenLambda, temperature = r.Model.Temperature,
            hyperparameters = r.Options, device = r.Device, triplets_per_second = r.TripletsPerSecond,
            epochs = r.Curve.Count, split = r.Split,
            test = new
            {
                responses = t.Teacher.Responses, triplets = t.Teacher.Triplets,
                @base = Scores(t.Base), base_calibrated = Scores(t.BaseCalibrated),
                teacher = Scores(t.Teacher), teacher_calibrated = Scores(t.TeacherCalibrated),
            },
            curve = r.Curve,
        });
    }

    /// <summary>One line per epoch on stderr, so that --json output on stdout stays one object.</summary>
    private sealed class ConsoleProgress : ITrainingProgress
    {
        public void Report(TrainingEpoch e) =>
            Console.Error.WriteLine($"λ={e.Lambda} epoch {e.Epoch}: train {e.TrainLoss:F4}, validation {e.ValidationLoss:F4}, accuracy {e.ValidationAccuracy:F4}");
    }
}

using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Statistics;
using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// METHOD.md §5 for one model, or a model and a baseline side by side with paired intervals: every figure overall and
/// per abstraction level, each with a seeded bootstrap interval over triplets (and over participants for the
/// per-response figures when responses name them), calibration at the fitted temperature and at T = 1,
/// entropy vs reaction time, and RSA.
/// </summary>
public static class EvaluationSuite
{
    private const int AllStream = 99;

    public static SuiteReport Evaluate(
        IReadOnlyList<TripletResponse> responses, IReadOnlyList<SuiteModel> models, ItemCategories? categories,
        HumanSimilarity? humanSimilarity, SuiteOptions options)
    {
        options.Validate();
        if (models.Count is < 1 or > 2) throw new ArgumentException("Evaluate one model, or one model and a baseline.", nameof(models));
        var items = models[0].Model.ItemCount;
        if (models.Any(m => m.Model.ItemCount != items)) throw new ArgumentException("The model and the baseline must cover the same items.");
        if (categories is not null && categories.ItemCount != items)
        {
            throw new ArgumentException($"The categories cover {categories.ItemCount} items, the embeddings {items}: give one category row per embedding row.");
        }

        var table = TripletTable.Build(responses, categories);
        var summaries = new List<ModelSummary>();
        var columns = new List<ModelColumns[]>();
        var allScores = new List<ModelScores>();
        foreach (var m in models)
        {
            var scores = new ModelScores(m.Model, table);
            allScores.Add(scores);
            var temperature = m.Temperature ?? scores.FitTemperature(table);
            summaries.Add(new ModelSummary(m.Name, temperature, m.Temperature is null ? "fitted" : "artifact"));
            columns.Add([new ModelColumns(scores, table, temperature), new ModelColumns(scores, table, 1.0)]);
        }

        var participants = ParticipantSums.Build(table, allScores, summaries.Select(s => s.Temperature).ToList());
        var all = Enumerable.Range(0, table.Count).ToArray();
        var allReport = Group(table, columns, all, participants, null, options, AllStream);
        var levels = new Dictionary<string, LevelReport>();
        foreach (var level in AbstractionLevels.All)
        {
            var members = all.Where(t => table.Level[t] == level).ToArray();
            if (members.Length > 0) levels[level.Key()] = Group(table, columns, members, participants, level, options, (int)level);
        }

        var calibration = columns.SelectMany((c, m) => c.Select(col => Reliability(summaries[m].Name, table, col))).ToList();
        var rsa = humanSimilarity is null ? null : RsaAnalysis.Evaluate(humanSimilarity, models.Select(m => m.Model).ToList(), options);
        return new SuiteReport(responses.Count, table.Count, table.Participants.Count, options.Bootstrap, options.Seed,
            summaries, allReport, levels, calibration, rsa) { RtPoints = RtSample.From(table, columns) };
    }

    private static LevelReport Group(
        TripletTable table, List<ModelColumns[]> columns, int[] triplets, ParticipantSums participants, AbstractionLevel? level,
        SuiteOptions options, int stream)
    {
        var size = LevelFigures.Size(columns.Count);
        var rt = new RtCorrelations(table, columns, triplets);
        var point = new double[size + rt.Count];
        LevelFigures.Compute(table, columns, triplets, null, point);
        rt.Compute(null, point.AsSpan(size));

        var replicates = options.Bootstrap == 0 ? [] : BootstrapWeights.Run(triplets.Length, options.Bootstrap, options.Seed, stream, point.Length, (w, row) =>
        {
            LevelFigures.Compute(table, columns, triplets, w, row);
            rt.Compute(w, row.AsSpan(size));
        });
        Estimate? At(int figure) => Estimate.From(double.IsNaN(point[figure]) ? null : point[figure], BootstrapWeights.Column(replicates, figure));

        var byParticipant = participants.Bootstrap(level, options);
        var human = LevelFigures.Human.Select((name, i) => (name, At(i))).ToDictionary(p => p.name, p => p.Item2);
        human["rt_rho"] = rt.HasRt ? At(size + columns.Count) : null;
        var perModel = new List<IReadOnlyDictionary<string, Estimate?>>();
        for (var m = 0; m < columns.Count; m++)
        {
            var at = LevelFigures.Human.Length + m * LevelFigures.PerModel.Length;
            var figures = LevelFigures.PerModel.Select((name, i) => (name, At(at + i))).ToDictionary(p => p.name, p => p.Item2);
            figures["rt_rho"] = rt.HasRt ? At(size + m) : null;
            figures["accuracy"] = byParticipant.Widen(figures["accuracy"], ParticipantSums.Accuracy(m));
            figures["nll"] = byParticipant.Widen(figures["nll"], ParticipantSums.Nll(m));
            perModel.Add(figures);
        }
        Dictionary<string, Estimate?>? difference = null;
        if (columns.Count == 2)
        {
            var at = LevelFigures.Human.Length + 2 * LevelFigures.PerModel.Length;
            difference = LevelFigures.Differences.Select((name, i) => (name, At(at + i))).ToDictionary(p => p.name, p => p.Item2);
            difference["accuracy"] = byParticipant.Widen(difference["accuracy"], ParticipantSums.AccuracyDifference);
        }
        var responses = triplets.Sum(t => (long)table.Human.Responses[t]);
        return new LevelReport((int)responses, triplets.Length, human, perModel, difference);
    }

    private static CalibrationReport Reliability(string model, TripletTable table, ModelColumns col)
    {
        var count = new long[ModelColumns.Bins];
        var confidence = new double[ModelColumns.Bins];
        var correct = new double[ModelColumns.Bins];
        for (var t = 0; t < table.Count; t++)
        {
            var n = table.Human.Responses[t];
            count[col.Bin[t]] += n;
            confidence[col.Bin[t]] += n * col.Confidence[t];
            correct[col.Bin[t]] += col.Correct[t];
        }
        var bins = Enumerable.Range(0, ModelColumns.Bins).Select(b => new ReliabilityBin(
            (double)b / ModelColumns.Bins, (double)(b + 1) / ModelColumns.Bins, count[b],
            count[b] == 0 ? null : confidence[b] / count[b], count[b] == 0 ? null : correct[b] / count[b])).ToList();
        return new CalibrationReport(model, col.Temperature, bins);
    }
}

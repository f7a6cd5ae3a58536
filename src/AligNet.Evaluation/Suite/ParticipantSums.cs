using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// Per participant and level: responses, correct predictions and NLL per model, so that the per-response figures
/// (accuracy, NLL, the accuracy difference) can also be resampled by participant — the unit people are recruited by.
/// Only when every response names its participant; otherwise the participant intervals stay null.
/// </summary>
internal sealed class ParticipantSums
{
    private const int AllLevels = 4;
    private readonly double[][]? sums; // [level or AllLevels][participant * width + k], k: n, then (correct, nll) per model
    private readonly int models;

    private ParticipantSums(double[][]? sums, int models) => (this.sums, this.models) = (sums, models);

    public static int Accuracy(int model) => 2 * model;
    public static int Nll(int model) => 2 * model + 1;
    public const int AccuracyDifference = 4;

    private int Width => 1 + 2 * models;

    public static ParticipantSums Build(TripletTable table, IReadOnlyList<ModelScores> scores, IReadOnlyList<double> temperatures)
    {
        var count = table.Participants.Count;
        if (count == 0 || table.ResponseParticipant.Any(p => p < 0)) return new ParticipantSums(null, scores.Count);
        var width = 1 + 2 * scores.Count;
        var sums = Enumerable.Range(0, AllLevels + 1).Select(_ => new double[count * width]).ToArray();
        Span<double> p = stackalloc double[3];
        for (var r = 0; r < table.ResponseTriplet.Length; r++)
        {
            var (t, slot, who) = (table.ResponseTriplet[r], table.ResponseSlot[r], table.ResponseParticipant[r]);
            foreach (var level in new[] { (int)table.Level[t], AllLevels })
            {
                var at = who * width;
                sums[level][at]++;
                for (var m = 0; m < scores.Count; m++)
                {
                    scores[m].Probabilities(t, temperatures[m], p);
                    if (scores[m].Predicted[t] == slot) sums[level][at + 1 + 2 * m]++;
                    sums[level][at + 2 + 2 * m] -= Math.Log(Math.Max(p[slot], double.Epsilon));
                }
            }
        }
        return new ParticipantSums(sums, scores.Count);
    }

    public ParticipantReplicates Bootstrap(AbstractionLevel? level, SuiteOptions options)
    {
        if (sums is null || options.Bootstrap == 0) return new ParticipantReplicates([]);
        var data = sums[level is { } l ? (int)l : AllLevels];
        var count = data.Length / Width;
        var results = BootstrapWeights.Run(count, options.Bootstrap, options.Seed, 200 + (level is { } s ? (int)s : AllLevels), 5, (w, row) =>
        {
            var total = new double[Width];
            for (var who = 0; who < count; who++)
            {
                if (w[who] == 0) continue;
                for (var k = 0; k < Width; k++) total[k] += w[who] * data[who * Width + k];
            }
            if (total[0] == 0) return;
            for (var m = 0; m < models; m++)
            {
                row[Accuracy(m)] = total[1 + 2 * m] / total[0];
                row[Nll(m)] = total[2 + 2 * m] / total[0];
            }
            if (models == 2) row[AccuracyDifference] = row[Accuracy(0)] - row[Accuracy(1)];
        });
        return new ParticipantReplicates(results);
    }
}

internal sealed class ParticipantReplicates(double[][] results)
{
    /// <summary>The estimate with the participant interval added (unchanged when there are no participant replicates).</summary>
    public Estimate? Widen(Estimate? estimate, int figure)
    {
        if (estimate is null || results.Length == 0) return estimate;
        var byParticipant = Estimate.From(estimate.Value, BootstrapWeights.Column(results, figure));
        return estimate with { ParticipantCiLow = byParticipant?.CiLow, ParticipantCiHigh = byParticipant?.CiHigh };
    }
}

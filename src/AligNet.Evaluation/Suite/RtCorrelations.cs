using AligNet.Evaluation.Statistics;

namespace AligNet.Evaluation.Suite;

/// <summary>
/// Uncertainty vs reaction time within a group of triplets: Spearman ρ between each model's entropy (at its fitted
/// temperature) and the triplet's mean log RT, then the human side, ρ between the entropy of the human responses and
/// the mean log RT (triplets answered at least twice). Results are written models first, human last.
/// </summary>
internal sealed class RtCorrelations
{
    private readonly int[] modelUnits;
    private readonly int[] humanUnits;
    private readonly Spearman[] models;
    private readonly Spearman human;

    public RtCorrelations(TripletTable table, IReadOnlyList<ModelColumns[]> columns, int[] triplets)
    {
        modelUnits = Enumerable.Range(0, triplets.Length).Where(u => double.IsFinite(table.MeanLogRt[triplets[u]])).ToArray();
        humanUnits = modelUnits.Where(u => table.Human.Responses[triplets[u]] >= 2).ToArray();
        var rt = modelUnits.Select(u => table.MeanLogRt[triplets[u]]).ToArray();
        models = columns.Select(c => new Spearman(modelUnits.Select(u => c[0].Entropy[triplets[u]]).ToArray(), rt)).ToArray();
        human = new Spearman(humanUnits.Select(u => table.Human.Entropy[triplets[u]]).ToArray(), humanUnits.Select(u => table.MeanLogRt[triplets[u]]).ToArray());
    }

    public int Count => models.Length + 1;
    public bool HasRt => modelUnits.Length > 0;

    public void Compute(int[]? weights, Span<double> result)
    {
        if (!HasRt)
        {
            result[..Count].Fill(double.NaN);
            return;
        }
        var modelWeights = Gather(modelUnits, weights);
        for (var m = 0; m < models.Length; m++) result[m] = models[m].Rho(modelWeights) ?? double.NaN;
        result[models.Length] = human.Rho(Gather(humanUnits, weights)) ?? double.NaN;
    }

    private static int[] Gather(int[] units, int[]? weights)
    {
        var result = new int[units.Length];
        for (var i = 0; i < units.Length; i++) result[i] = weights?[units[i]] ?? 1;
        return result;
    }
}

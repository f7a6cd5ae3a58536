using System.Globalization;
using MathNet.Numerics.Distributions;
using nietras.SeparatedValues;

namespace AligNet.Evaluation.Simulation;

/// <summary>
/// One round of one arm of the adaptive-vs-random sampling simulation (ADR-022): the teacher trained on
/// <see cref="Responses"/> answers, scored on the seed's fixed held-out triplets.
/// </summary>
/// <param name="Arm"><see cref="SamplingArms.Adaptive"/> or <see cref="SamplingArms.Random"/>.</param>
/// <param name="Accuracy">Share of held-out (noisy) oracle answers the teacher predicts.</param>
/// <param name="OracleAgreement">Share of held-out triplets where the teacher picks the noise-free oracle's odd one out.</param>
/// <param name="HeldOutNll">Mean negative log-likelihood of the held-out answers under the calibrated teacher.</param>
/// <param name="NextBatchEntropy">Mean teacher entropy (nats) of the batch this round chose; null after the last round.</param>
/// <param name="TrainSeconds">Wall time of this round's teacher training.</param>
/// <param name="ScoreSeconds">Wall time of scoring this round's candidates (0 after the last round).</param>
public sealed record SamplingPoint(string Arm, int Seed, int Round, int Responses, double Accuracy, double OracleAgreement, double HeldOutNll,
    double? NextBatchEntropy, double TrainSeconds, double ScoreSeconds);

/// <summary>The arm names written to the CSV and shown on the dashboard.</summary>
public static class SamplingArms
{
    public const string Adaptive = "adaptive";
    public const string Random = "random";
}

/// <summary>Mean across seeds at one arm and number of responses, with a Student t interval (df = seeds − 1).</summary>
public sealed record SamplingSummary(string Arm, int Responses, int Seeds, double Mean, double? Low, double? High);

public static class SamplingCurves
{
    /// <summary>
    /// Per arm and number of responses: the mean of <paramref name="metric"/> across seeds and its t interval
    /// mean ± t(1 − (1 − level)/2, n − 1) · s/√n. With one seed there is no interval (null).
    /// </summary>
    public static IReadOnlyList<SamplingSummary> Summarize(IEnumerable<SamplingPoint> points, Func<SamplingPoint, double> metric, double level = 0.95)
    {
        return [.. points.GroupBy(p => (p.Arm, p.Responses))
            .OrderBy(g => g.Key.Arm, StringComparer.Ordinal).ThenBy(g => g.Key.Responses)
            .Select(g =>
            {
                var values = g.Select(metric).ToArray();
                var mean = values.Average();
                if (values.Length < 2) return new SamplingSummary(g.Key.Arm, g.Key.Responses, 1, mean, null, null);
                var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
                var half = StudentT.InvCDF(0, 1, values.Length - 1, 1 - (1 - level) / 2) * sd / Math.Sqrt(values.Length);
                return new SamplingSummary(g.Key.Arm, g.Key.Responses, values.Length, mean, mean - half, mean + half);
            })];
    }
}

/// <summary>
/// The simulation's long-form CSV (one row per arm, seed and round), written by <c>alignet simulate sampling --out</c>
/// and read by the Sampling dashboard. Invariant culture; the file appears whole or not at all.
/// </summary>
public static class SamplingResultsCsv
{
    public static readonly string[] Columns =
        ["arm", "seed", "round", "responses", "accuracy", "oracle_agreement", "held_out_nll", "next_batch_entropy", "train_seconds", "score_seconds"];

    public static void Write(string path, IEnumerable<SamplingPoint> points)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Environment.ProcessId}.partial";
        try
        {
            using (var writer = new StreamWriter(temporary))
            {
                writer.WriteLine(string.Join(',', Columns));
                foreach (var p in points)
                {
                    writer.WriteLine(string.Join(',', p.Arm, I(p.Seed), I(p.Round), I(p.Responses), R(p.Accuracy), R(p.OracleAgreement), R(p.HeldOutNll),
                        p.NextBatchEntropy is { } e ? R(e) : "", R(p.TrainSeconds), R(p.ScoreSeconds)));
                }
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads a CSV written by <see cref="Write"/>; a missing column or a bad value names the line and the fix.</summary>
    public static IReadOnlyList<SamplingPoint> Read(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = true }).FromFile(path);
        var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(Path.GetFileName(path), 1, $"the column(s) {string.Join(", ", missing)} are missing: this is not a result of 'alignet simulate sampling --out'.");
        }
        var file = Path.GetFileName(path);
        var points = new List<SamplingPoint>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var at = (file, line);
            points.Add(new SamplingPoint(
                Arm(row["arm"].ToString(), at),
                Int(row["seed"].ToString(), "seed", at), Int(row["round"].ToString(), "round", at), Int(row["responses"].ToString(), "responses", at),
                Number(row["accuracy"].ToString(), "accuracy", at), Number(row["oracle_agreement"].ToString(), "oracle_agreement", at),
                Number(row["held_out_nll"].ToString(), "held_out_nll", at),
                row["next_batch_entropy"].ToString() is { Length: > 0 } e ? Number(e, "next_batch_entropy", at) : null,
                Number(row["train_seconds"].ToString(), "train_seconds", at), Number(row["score_seconds"].ToString(), "score_seconds", at)));
        }
        return points;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Arm(string value, (string File, int Line) at) => value is SamplingArms.Adaptive or SamplingArms.Random
        ? value
        : throw new DataFormatException(at.File, at.Line, $"arm '{value}' is neither '{SamplingArms.Adaptive}' nor '{SamplingArms.Random}'.");

    private static int Int(string value, string column, (string File, int Line) at) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
        ? v
        : throw new DataFormatException(at.File, at.Line, $"{column} '{value}' is not a whole number.");

    private static double Number(string value, string column, (string File, int Line) at) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new DataFormatException(at.File, at.Line, $"{column} '{value}' is not a finite number.");
}

using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Levels;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>
/// Per-level accuracy of SPoSE and CLIP on THINGS test_10.txt with category_mat_manual.tsv: the suite against a
/// deliberately separate, plain implementation written here (its own file parsing, sets of category names, its own
/// dot products), so that the two share no code.
/// </summary>
public class ThingsLevelsTests
{
    internal static string Things(string name)
    {
        var path = Path.Combine(RepoPaths.SharedData, "things", name);
        if (!File.Exists(path)) Assert.Skip($"THINGS data not found at {path} (set ALIGNET_SHARED_DATA).");
        return path;
    }

    [Theory]
    [InlineData("spose49_embedding_things_order.npy", false)]
    [InlineData("clip_vit_b32_things_order.npy", true)]
    public void Per_level_accuracy_matches_a_separate_plain_computation(string embeddings, bool cosine)
    {
        var matrix = EmbeddingFiles.Read(Things(embeddings));
        var responses = TripletFileReader.Read(Things("test_10.txt"), TripletFormat.OddLast, matrix.Rows);
        var categories = CategoryMatrixReader.Read(Things("category_mat_manual.tsv"), matrix.Rows);
        var model = new OddOneOutModel(matrix, cosine ? SimilarityKind.Cosine : SimilarityKind.Dot);

        var report = EvaluationSuite.Evaluate(responses, [new("model", model, 1.0)], categories, null, new SuiteOptions(0));
        var expected = PlainPerLevelAccuracy(matrix, cosine);

        foreach (var (level, (correct, total)) in expected)
        {
            Assert.Equal(total, report.Levels[level].Responses);
            Assert.Equal((double)correct / total, report.Levels[level].Models[0]["accuracy"]!.Value, 12);
        }
        Assert.Equal(4, expected.Count);
    }

    /// <summary>Reads the files again by hand and counts, per level, the responses whose odd one out is predicted.</summary>
    internal static Dictionary<string, (int Correct, int Total)> PlainPerLevelAccuracy(EmbeddingMatrix matrix, bool cosine)
    {
        var lines = File.ReadAllLines(Things("category_mat_manual.tsv"));
        var names = lines[0].Split('\t');
        var sets = lines.Skip(1).Select(l => l.Split('\t').Select((v, c) => (v, c)).Where(x => x.v == "1").Select(x => names[x.c]).ToHashSet()).ToArray();
        var rows = Enumerable.Range(0, matrix.Rows).Select(r => matrix.Row(r).ToArray()).ToArray();
        if (cosine)
        {
            rows = rows.Select(v => { var n = Math.Sqrt(v.Sum(x => x * x)); return v.Select(x => x / n).ToArray(); }).ToArray();
        }
        double Sim(int a, int b)
        {
            double s = 0;
            for (var d = 0; d < rows[a].Length; d++) s += rows[a][d] * rows[b][d];
            return s;
        }

        var result = new Dictionary<string, (int, int)>();
        foreach (var line in File.ReadLines(Things("test_10.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            var (i, j, k) = (f[0], f[1], f[2]);
            string level;
            if (sets[i].Count == 0 || sets[j].Count == 0 || sets[k].Count == 0) level = "uncategorised";
            else if (sets[i].Intersect(sets[j]).Intersect(sets[k]).Any()) level = "fine";
            else if (sets[i].Overlaps(sets[j]) || sets[i].Overlaps(sets[k]) || sets[j].Overlaps(sets[k])) level = "boundary";
            else level = "coarse";
            var (ij, ik, jk) = (Sim(i, j), Sim(i, k), Sim(j, k));
            var hit = ij > ik && ij > jk; // k is the human's odd one out
            result.TryGetValue(level, out var sum);
            result[level] = (sum.Item1 + (hit ? 1 : 0), sum.Item2 + 1);
        }
        return result;
    }
}

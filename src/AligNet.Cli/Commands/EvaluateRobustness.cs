using System.CommandLine;
using System.Text.Json.Nodes;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Robustness;
using AligNet.Evaluation.Suite;
using AligNet.Evaluation.Transfer;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;

namespace AligNet.Cli.Commands;

/// <summary>
/// The "corruptions" and "style_shift" sections of <c>alignet evaluate</c>: each NAME=FILE holds the base model's
/// features of the shifted images; a teacher (--model) sees them through its transform, as it sees the clean ones.
/// </summary>
internal static class EvaluateRobustness
{
    public static IReadOnlyList<(string, JsonObject)> Sections(EvaluateOptions o, ParseResult parse, EmbeddingMatrix clean, SimilarityKind similarity,
        TeacherModel? teacher, IReadOnlyList<TripletResponse> responses, CategoryHierarchy? hierarchy, SuiteOptions suite)
    {
        var sections = new List<(string, JsonObject)>();
        foreach (var (key, option, flag) in new[] { ("corruptions", o.Corrupted, "--corrupted"), ("style_shift", o.StyleShift, "--style-shift") })
        {
            if (parse.GetValue(option) is not { Length: > 0 } pairs) continue;
            var variants = pairs.Select(p => Variant(p, flag, clean)).ToList();
            var names = variants.Select(v => v.Name).ToList();
            if (names.Distinct().Count() != names.Count) throw new ArgumentException($"{flag}: each NAME must be given once.");
            var models = new List<RobustModel>();
            if (teacher is not null)
            {
                models.Add(new RobustModel("model", teacher.Transform(clean), variants.Select(v => teacher.Transform(v.Features)).ToList(), SimilarityKind.Dot, teacher.Temperature));
                models.Add(new RobustModel("baseline", clean, variants.Select(v => v.Features).ToList(), similarity, null));
            }
            else
            {
                models.Add(new RobustModel("model", clean, variants.Select(v => v.Features).ToList(), similarity, null));
            }
            sections.Add((key, RobustnessSuite.Evaluate(names, models, responses, hierarchy, parse.GetValue(o.TransferSeeds), suite)));
        }
        return sections;
    }

    private static (string Name, EmbeddingMatrix Features) Variant(string pair, string flag, EmbeddingMatrix clean)
    {
        var at = pair.IndexOf('=');
        if (at <= 0 || at == pair.Length - 1) throw new ArgumentException($"{flag} '{pair}' is not NAME=FILE (e.g. blur-3=features.blur-3.npy).");
        var file = pair[(at + 1)..];
        var features = EmbeddingFiles.Read(file);
        if (features.Rows != clean.Rows || features.Columns != clean.Columns)
        {
            throw new ArgumentException($"{flag} {file} is {features.Rows} × {features.Columns}, --embeddings {clean.Rows} × {clean.Columns}: give the same model's features of the same items in the same order.");
        }
        return (pair[..at], features);
    }
}

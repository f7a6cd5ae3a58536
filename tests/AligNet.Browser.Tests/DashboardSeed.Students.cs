using System.Text.Json.Nodes;
using AligNet.Data;
using AligNet.Domain.Models;
using AligNet.Evaluation.Statistics;
using AligNet.Evaluation.Suite;

namespace AligNet.Browser.Tests;

/// <summary>
/// Two students of the seeded set, both from the active teacher's data set: an AligNet one (teacher labels) and an
/// UnAligNet one (base-model labels), each with an evaluation written by the evaluation core's JSON writer; the AligNet
/// student's report also has few-shot, retention and one corruption section (the shape of alignet evaluate --json) and a
/// style-shift section marked not computed, as the evaluation run stores it.
/// </summary>
public sealed partial record DashboardSeed
{
    public static readonly SuiteReport AlignedReport = StudentReport(0.64, 0.69, 0.55), UnalignedReport = StudentReport(0.47, 0.52, 0.40);
    public static readonly Estimate FewShot = new(0.81, 0.78, 0.84), FewShotBase = new(0.72, 0.69, 0.75), Retention = new(0.93, 0.9, 0.96),
        Corrupted = new(0.57, 0.53, 0.61), CorruptedBase = new(0.41, 0.37, 0.45);
    /// <summary>A section the evaluation run could not compute is stored as {"not_computed": reason} (EvaluationSections).</summary>
    public const string StyleShiftMissing = "style shift needs the same concepts drawn in a second style";

    private static void AddStudents(AligNetDbContext db, Guid set, Guid teacher, DateTimeOffset now)
    {
        foreach (var (labels, report, at) in new[] { ("teacher", AlignedReport, now.AddMinutes(-50)), ("base", UnalignedReport, now.AddMinutes(-40)) })
        {
            var student = new ModelVersion
            {
                Id = Guid.NewGuid(), StimulusSetId = set, Kind = ModelKind.Student, BaseModel = "resnet18-onnx", BaseModelVersion = "0.23.1",
                DataSnapshot = $$"""{"datasetId":"{{Guid.NewGuid()}}","teacherVersionId":"{{teacher}}","labels":"{{labels}}"}""",
                HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "none", CreatedAt = at,
            };
            var json = SuiteReportJson.ToJson(report);
            if (labels == "teacher") AddTransfer(json);
            db.AddRange(student, new ModelEvaluation
            {
                Id = Guid.NewGuid(), ModelVersionId = student.Id, Split = "test", Responses = report.Responses, Triplets = report.Triplets,
                Bootstrap = report.Bootstrap, Accuracy = report.All.Models[0]["accuracy"]!.Value, BaseAccuracy = report.All.Models[1]["accuracy"]!.Value,
                CreatedAt = at.AddMinutes(5), Report = json.ToJsonString(),
            });
        }
    }

    private static void AddTransfer(JsonObject json)
    {
        JsonNode Shot(Estimate e) => new JsonObject { ["ways"] = 5, ["shots"] = 1, ["episodes"] = 100, ["classes"] = 3, ["accuracy"] = SuiteReportJson.Figure(e) };
        json["transfer"] = new JsonObject
        {
            ["few_shot"] = new JsonObject { ["model"] = new JsonArray(Shot(FewShot)), ["baseline"] = new JsonArray(Shot(FewShotBase)) },
            ["retention"] = new JsonObject { ["items"] = 9, ["ratio"] = SuiteReportJson.Figure(Retention) },
        };
        json["style_shift"] = new JsonObject { ["not_computed"] = StyleShiftMissing };
        json["corruptions"] = new JsonObject
        {
            ["variants"] = new JsonArray(new JsonObject
            {
                ["name"] = "blur-3",
                ["models"] = new JsonObject
                {
                    ["model"] = new JsonObject { ["agreement"] = SuiteReportJson.Figure(Corrupted) },
                    ["baseline"] = new JsonObject { ["agreement"] = SuiteReportJson.Figure(CorruptedBase) },
                },
            }),
        };
    }

    private static SuiteReport StudentReport(double all, double between, double within) => new(200, 100, 6, 1000, 0,
        [new ModelSummary("model", 1.0, "artifact"), new ModelSummary("baseline", 1.0, "fitted")],
        Level(all, 0.45, 0.70),
        new Dictionary<string, LevelReport> { ["between_class"] = Level(between, 0.50, 0.75), ["within_class"] = Level(within, 0.38, 0.62) },
        [], null);
}

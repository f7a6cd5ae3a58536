using Microsoft.EntityFrameworkCore;
using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Runs;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.Evaluation.Statistics;
using AligNet.Evaluation.Suite;

namespace AligNet.Browser.Tests;

/// <summary>
/// A small, fully known study for the dashboards, written straight to the database: 9 stimuli in 3 categories, 6
/// sessions of 12 main trials and 2 repeat probes, answered minutes ago. Every figure a dashboard shows can be worked out
/// by hand from the rules below (the tests recompute them with independent SQL or the evaluation core).
/// </summary>
public sealed partial record DashboardSeed(Guid StudyId, Guid SetId, Guid SessionWithProbes, Guid ActiveTeacherId, Guid FinishedRunId, Guid RunningRunId)
{
    public const int Sessions = 6, MainTrials = 12, Probes = 2;
    public const double PreviousAccuracy = 0.55, ActiveAccuracy = 0.61, NoiseCeiling = 0.7;
    public static readonly string[] Categories = ["animal", "tool", "food"];

    /// <summary>RT of trial t in session s: spread over levels and people so the histograms have shape.</summary>
    public static double Rt(int s, int t) => 500 + 100 * t + 37 * s;

    /// <summary>Session 4 is still running (an active participant); 3 is flagged; 5 is excluded with two reasons.</summary>
    public static async Task<DashboardSeed> CreateAsync(AligNetDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "Dashboard set", CreatedAt = now.AddDays(-2) };
        for (var i = 0; i < 9; i++)
        {
            set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"item {i}", CategoryPath = [Categories[i / 3]] });
        }
        var study = new Study
        {
            Id = Guid.NewGuid(), Name = "Dashboard study", StimulusSetId = set.Id, State = StudyState.Open,
            RepeatProbes = Probes, CreatedAt = now.AddDays(-1),
        };
        db.AddRange(set, study);
        db.AddRange(set.Stimuli.Select(x => new StimulusEmbedding { StimulusId = x.Id, Model = "resnet18-onnx", Version = "0.23.1", Vector = Embedding(x.Index), CreatedAt = now }));
        Guid withProbes = default;
        for (var s = 0; s < Sessions; s++)
        {
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = $"dash-{s}", CreatedAt = now };
            var session = new ParticipantSession
            {
                Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = now.AddMinutes(-30 + s),
                Status = s == 4 ? SessionStatus.InProgress : SessionStatus.Completed,
                CompletedAt = s == 4 ? null : now.AddMinutes(-10 + s),
                Qc = s switch { 3 => QcStatus.Flagged, 5 => QcStatus.Excluded, 4 => QcStatus.Pending, _ => QcStatus.Valid },
                QcReasons = s switch { 3 => ["position bias"], 5 => ["too fast", "catch accuracy"], _ => [] },
            };
            if (s == 0) withProbes = session.Id;
            db.AddRange(participant, session);
            for (var t = 0; t < MainTrials + Probes; t++)
            {
                // Main trial t shows stimuli (t, t+3, t+4) mod 9; probe p repeats main trial p with positions rotated.
                var probe = t >= MainTrials;
                var source = probe ? t - MainTrials : t;
                int[] items = [source % 9, (source + 3) % 9, (source + 4) % 9];
                if (probe) items = [items[1], items[2], items[0]];
                var trial = new Trial
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Kind = probe ? TrialKind.RepeatProbe : TrialKind.Main,
                    Stimulus0Id = set.Stimuli[items[0]].Id, Stimulus1Id = set.Stimuli[items[1]].Id, Stimulus2Id = set.Stimuli[items[2]].Id,
                    RepeatOfIndex = probe ? source : null, Condition = t % 2 == 0 ? "between_class" : "within_class",
                };
                // Main trials choose item (s + t) mod 3 of the shown list; a probe picks the same stimulus as its original
                // in even sessions and another one in odd sessions: consistency 1 for sessions 0, 2, 4 and 0 for 1, 3, 5.
                var chosenItem = probe
                    ? (s % 2 == 0 ? Original(source, s) : Other(source, s))
                    : items[(s + t) % 3];
                var position = Array.IndexOf(items, chosenItem);
                db.Add(trial);
                db.Add(new Response
                {
                    Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id, ChosenPosition = position,
                    ChosenStimulusId = set.Stimuli[chosenItem].Id, Input = InputMode.Keyboard, OnsetTimeMs = 1000,
                    ResponseTimeMs = 1000 + Rt(s, t), RtMs = Rt(s, t), ReceivedAt = now.AddMinutes(s == 4 ? -1 : -20).AddSeconds(t),
                });
            }
        }
        var previous = Teacher(set.Id, PreviousAccuracy, now.AddHours(-5), active: false);
        var active = Teacher(set.Id, ActiveAccuracy, now.AddHours(-1), active: true);
        db.AddRange(previous, active);
        db.Add(new ModelEvaluation
        {
            Id = Guid.NewGuid(), ModelVersionId = active.Id, Split = "test", Responses = Report.Responses, Triplets = Report.Triplets,
            Bootstrap = Report.Bootstrap, Seed = 0, Accuracy = 0.61, BaseAccuracy = 0.45, CreatedAt = now.AddMinutes(-30),
            Report = WithTeacherMap(SuiteReportJson.ToJsonString(Report), set.Stimuli),
        });
        AddStudents(db, set.Id, active.Id, now);
        db.Add(new Run { Id = Guid.NewGuid(), Kind = RunKind.Teacher, State = RunState.Failed, Parameters = "{}", StimulusSetId = set.Id, CreatedAt = now.AddHours(-2), Outcome = "seeded failure: out of memory" });
        var finished = new Run
        {
            Id = Guid.NewGuid(), Kind = RunKind.Teacher, State = RunState.Succeeded, Parameters = "{}", StimulusSetId = set.Id, CreatedAt = now.AddHours(-6),
            StartedAt = now.AddHours(-6), FinishedAt = now.AddHours(-5), ModelVersionId = previous.Id, Outcome = "seeded teacher",
        };
        var running = new Run
        {
            Id = Guid.NewGuid(), Kind = RunKind.Teacher, State = RunState.Running, Parameters = "{}", StimulusSetId = set.Id, CreatedAt = now.AddMinutes(-3),
            StartedAt = now.AddMinutes(-3),
        };
        db.AddRange(finished, running);
        await db.SaveChangesAsync();
        // The answers above were written with ReceivedAt in the past, which the answer path never does: the web host may
        // already have folded past them, so the aggregates start over (ADR-024).
        await using (var source = AligNet.Data.DataServiceCollectionExtensions.CreateDataSource(db.Database.GetConnectionString()!))
        {
            await new AligNet.Data.Dashboards.DashboardFold(source).RebuildAsync();
            // The running teacher's first epoch, written as the worker writes it (progress and curve point together).
            new AligNet.Data.Runs.RunProgressWriter(source).Write(running.Id, new RunProgress("λ=1", 0, null, Epoch: 1, Loss: 1.05, ValidationAccuracy: 0.41), appendToLog: true);
        }
        return new DashboardSeed(study.Id, set.Id, withProbes, active.Id, finished.Id, running.Id);
    }

    /// <summary>
    /// Participant API latency snapshots of two web instances in one 5-minute bin two hours ago: instance a served 90
    /// requests of 10 ms (histogram bucket 163, upper edge 10.24 ms), instance b 10 of 200 ms (bucket 232, 204.8 ms).
    /// Merged: p50 = 10.24 ms, p95 = p99 = 204.8 ms (worked by hand from LatencyHistogram's bucket rule).
    /// </summary>
    public static async Task<DateTime> SeedLatencyAsync(AligNetDbContext db)
    {
        var bin = DateTime.SpecifyKind(await db.Database.SqlQuery<DateTime>($"""
            SELECT date_bin(interval '5 minutes', now() - interval '2 hours', TIMESTAMPTZ '2000-01-01 00:00:00+00') AT TIME ZONE 'UTC' AS "Value"
            """).SingleAsync(), DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO alignet.api_latency_minutes ("Minute", "Instance", "Route", "Requests", "Buckets", "Counts") VALUES
                ({bin.AddMinutes(1)}, 'seed-a', 'POST /api/p/responses', 90, ARRAY[163], ARRAY[90::bigint]),
                ({bin.AddMinutes(3)}, 'seed-b', 'GET /api/p/trials', 10, ARRAY[232], ARRAY[10::bigint])
            """);
        return bin;
    }

    /// <summary>The active teacher's evaluation, written by the evaluation core's own JSON writer.</summary>
    public static readonly SuiteReport Report = new(200, 100, 6, 1000, 0,
        [new ModelSummary("model", 1.0, "artifact"), new ModelSummary("baseline", 1.0, "fitted")],
        Level(0.61, 0.45, 0.70),
        new Dictionary<string, LevelReport> { ["between_class"] = Level(0.66, 0.50, 0.75), ["within_class"] = Level(0.52, 0.38, 0.62) },
        [
            new CalibrationReport("model", 1.0, [new ReliabilityBin(0.4, 0.5, 60, 0.45, 0.5), new ReliabilityBin(0.6, 0.7, 40, 0.65, 0.6)]),
            new CalibrationReport("baseline", 1.0, [new ReliabilityBin(0.3, 0.4, 100, 0.36, 0.45)]),
        ],
        null)
    {
        // Three of five triplets with an RT kept (the evaluation's bounded sample); entropies model, baseline.
        RtPoints = new RtSample(5, [new("between_class", [0.2, 0.9], 800), new("within_class", [0.7, 1.0], 1500), new("between_class", [0.4, 1.05], 1100)]),
    };

    private static LevelReport Level(double model, double baseline, double ceiling) => new(100, 50,
        new Dictionary<string, Estimate?> { ["noise_ceiling"] = new(ceiling, ceiling - 0.03, ceiling + 0.03), ["rt_rho"] = new(0.3, 0.2, 0.4) },
        [
            new Dictionary<string, Estimate?> { ["accuracy"] = new(model, model - 0.04, model + 0.04), ["rt_rho"] = new(0.25, 0.1, 0.35) },
            new Dictionary<string, Estimate?> { ["accuracy"] = new(baseline, baseline - 0.05, baseline + 0.05), ["rt_rho"] = new(0.1, -0.05, 0.2) },
        ],
        null);

    /// <summary>
    /// Item i's base embedding: a point (a, b) of a plane, written in 4-D as (a, b, a + b, a − b). The data are exactly
    /// two-dimensional, so the first two principal components keep every pairwise distance (what the test checks).
    /// </summary>
    public static float[] Embedding(int i)
    {
        var (a, b) = (3.0 * (i / 3) + 0.4 * (i % 3), 2.0 * (i % 3) - 1.0 * (i / 3));
        return [(float)a, (float)b, (float)(a + b), (float)(a - b)];
    }

    /// <summary>Item i on the stored teacher map (what an evaluation run would have projected): distinct from the base map.</summary>
    public static (double X, double Y) TeacherMap(int i) => (1.5 * i - 6.0, 0.5 * (i % 4) - 0.25 * i);

    private static string WithTeacherMap(string report, IEnumerable<Stimulus> stimuli)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(report)!.AsObject();
        json["map"] = new System.Text.Json.Nodes.JsonObject
        {
            ["representation"] = "teacher",
            ["points"] = new System.Text.Json.Nodes.JsonArray([.. stimuli.Select(s => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["stimulus_id"] = s.Id.ToString(), ["row"] = s.Index, ["x"] = TeacherMap(s.Index).X, ["y"] = TeacherMap(s.Index).Y,
            })]),
        };
        return json.ToJsonString();
    }

    /// <summary>The previous teacher's stored training curve: two λ, three epochs each.</summary>
    public static readonly CurvePoint[] Curve =
        [.. new[] { 1.0, 0.1 }.SelectMany(l => Enumerable.Range(1, 3).Select(e => new CurvePoint(l, e, 1.1 - 0.1 * e, 1.12 - 0.08 * e * l, 0.4 + 0.05 * e)))];


    private static int Original(int t, int s) => new[] { t % 9, (t + 3) % 9, (t + 4) % 9 }[(s + t) % 3];
    private static int Other(int t, int s) => new[] { t % 9, (t + 3) % 9, (t + 4) % 9 }[(s + t + 1) % 3];

    private static ModelVersion Teacher(Guid set, double accuracy, DateTimeOffset at, bool active)
    {
        var scores = new OddOneOutScores(200, 100, accuracy, null, NoiseCeiling, 1.0 - accuracy / 2, 0.05);
        return new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = set, Kind = ModelKind.Teacher, BaseModel = "resnet18-onnx", BaseModelVersion = "0.23.1",
            DataSnapshot = "{}", HyperParameters = "{}", Metrics = ModelDocuments.Write(new TeacherVersionMetrics(scores with { Accuracy = 0.4 }, scores with { Accuracy = 0.4 }, scores, scores, 1.0, 1000, "cpu")),
            TrainingCurve = active ? "[]" : ModelDocuments.Write(Curve), ArtifactPath = "none", IsActive = active, PromotedAt = active ? at : null, CreatedAt = at,
        };
    }
}

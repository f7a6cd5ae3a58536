using System.Diagnostics;
using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Benchmarks;

/// <summary>
/// Makes the seeded study an adaptive one for the Sampling, Models and Runs pages (issue 16): main trials get arms as
/// the platform deals them at the default 15 % random share (about 15 % Random, 80 % Adaptive, 5 % Fallback, by a hash
/// of the trial), 30 teacher versions over the 30 days (each with a stored random-arm accuracy, the adaptive trials
/// pointing at the newest one before them) and 2,000 runs in the last 90 days.
/// </summary>
internal static class DashboardAdaptiveShape
{
    public const int Teachers = 30, Runs = 2_000;

    public static async Task ShapeAsync(string connectionString)
    {
        var clock = Stopwatch.StartNew();
        await using var db = AligNetDbContext.Create(connectionString);
        var study = await db.Studies.SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var teachers = Enumerable.Range(0, Teachers)
            .Select(i => Teacher(study.StimulusSetId, now.AddDays(-30 + i), 30_000 * (i + 1), 0.45 + 0.005 * i, active: i == Teachers - 1)).ToList();
        db.ModelVersions.AddRange(teachers);
        var random = new Random(16);
        RunState[] states = [RunState.Succeeded, RunState.Succeeded, RunState.Succeeded, RunState.Failed, RunState.Cancelled];
        for (var i = 0; i < Runs; i++)
        {
            var created = now.AddMinutes(-random.Next(90 * 24 * 60));
            db.Runs.Add(new Run
            {
                Id = Guid.NewGuid(), Kind = i % 3 == 0 ? RunKind.AdaptiveRefill : RunKind.Teacher, State = states[i % states.Length],
                Parameters = "{}", StimulusSetId = study.StimulusSetId, CreatedAt = created, StartedAt = created.AddSeconds(5),
                FinishedAt = created.AddMinutes(3), Outcome = "bench", ModelVersionId = i % 3 == 1 ? teachers[i % Teachers].Id : null,
            });
        }
        await db.SaveChangesAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            $"""UPDATE alignet.studies SET "AdaptiveSampling" = true, "RandomArmShare" = 0.15 WHERE "Id" = '{study.Id}'""",
            """
            UPDATE alignet.trials t SET "Arm" = CASE WHEN h < 15 THEN 'Random' WHEN h < 95 THEN 'Adaptive' ELSE 'Fallback' END,
                "TeacherVersionId" = CASE WHEN h >= 15 AND h < 95 THEN (SELECT m."Id" FROM alignet.model_versions m JOIN alignet.sessions s ON s."Id" = t."SessionId"
                    WHERE m."CreatedAt" <= s."StartedAt" ORDER BY m."CreatedAt" DESC LIMIT 1) END
            FROM (SELECT "Id", abs(hashtext("Id"::text)) % 100 AS h FROM alignet.trials) AS x
            WHERE x."Id" = t."Id" AND t."Kind" = 'Main'
            """,
            $"""
            INSERT INTO alignet.teacher_random_arm_accuracy ("TeacherVersionId", "StudyId", "Responses", "Correct", "ReceivedAfter", "ComputedAt")
            SELECT "Id", '{study.Id}', 5000, 2600, "CreatedAt", now() FROM alignet.model_versions
            """,
            "VACUUM ANALYZE",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"Made the study adaptive ({Teachers} teachers, {Runs:N0} runs) in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private static ModelVersion Teacher(Guid set, DateTimeOffset at, int responses, double accuracy, bool active)
    {
        var scores = new OddOneOutScores(10_000, 9_000, accuracy, null, 0.7, 1.0, 0.05);
        var curve = Enumerable.Range(1, 50).Select(e => new CurvePoint(0.1, e, 1.0 / e, 1.1 / e, 0.5)).ToList();
        return new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = set, Kind = ModelKind.Teacher, BaseModel = "resnet18-onnx", BaseModelVersion = "0.23.1",
            DataSnapshot = ModelDocuments.Write(new { Snapshot = new TrainingDataSnapshot(1854, responses, 0, 0, []), Split = (object?)null }),
            HyperParameters = "{}", Metrics = ModelDocuments.Write(new TeacherVersionMetrics(scores, scores, scores, scores, 1.0, 1000, "cpu")),
            TrainingCurve = ModelDocuments.Write(curve), ArtifactPath = "none", CreatedAt = at, IsActive = active,
        };
    }
}

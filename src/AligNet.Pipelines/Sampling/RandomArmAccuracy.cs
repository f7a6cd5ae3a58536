using AligNet.Data;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Evaluation.Metrics;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Sampling;

/// <summary>
/// A teacher's held-out accuracy on an adaptive study's random-arm responses (ADR-028): the unbiased sample of the
/// study's triplets, scored only where the teacher cannot have seen them. A teacher trains on every answered
/// non-practice response of non-excluded sessions of its set that exist when its data are read
/// (<c>TrainingDataLoader</c>), and registers its version (<see cref="ModelVersion.CreatedAt"/>) after that read; so
/// no response received after <c>CreatedAt</c> is in its training data. Counted: answered main trials of the Random
/// arm, received after the version was registered, in sessions QC has not excluded, whose three stimuli the teacher
/// has vectors for. Adaptive trials (chosen by a teacher, so not a random sample) and Fallback trials are left out.
/// </summary>
public static class RandomArmAccuracy
{
    public sealed record Outcome(int Responses, int Correct)
    {
        public double? Accuracy => Responses == 0 ? null : (double)Correct / Responses;
    }

    /// <summary>
    /// Scores the random-arm responses with <paramref name="model"/> (row r of its embeddings is stimulus
    /// <paramref name="stimulusIds"/>[r]): correct when the chosen odd one out is the model's most probable one.
    /// Stores the counts for (teacher, study), replacing an earlier figure of the same pair.
    /// </summary>
    public static async Task<Outcome> ComputeAndStoreAsync(AligNetDbContext db, Guid studyId, ModelVersion teacher, OddOneOutModel model,
        IReadOnlyList<Guid> stimulusIds, CancellationToken ct)
    {
        var after = teacher.CreatedAt;
        var rows = await db.Responses.AsNoTracking()
            .Where(r => r.ChosenStimulusId != null && r.ReceivedAt > after)
            .Join(db.Trials.Where(t => t.Kind == TrialKind.Main && t.Arm == TrialArm.Random), r => r.TrialId, t => t.Id,
                (r, t) => new { r.SessionId, Chosen = r.ChosenStimulusId!.Value, t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id })
            .Join(db.Sessions.Where(s => s.StudyId == studyId && s.Qc != QcStatus.Excluded), x => x.SessionId, s => s.Id, (x, _) => x)
            .ToListAsync(ct);
        var rowOf = stimulusIds.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row);
        int responses = 0, correct = 0;
        foreach (var r in rows)
        {
            if (!rowOf.TryGetValue(r.Stimulus0Id, out var i) || !rowOf.TryGetValue(r.Stimulus1Id, out var j) || !rowOf.TryGetValue(r.Stimulus2Id, out var k)) continue;
            responses++;
            if (MostProbableOdd(model, i, j, k) == r.Chosen switch
            {
                var c when c == r.Stimulus0Id => 0,
                var c when c == r.Stimulus1Id => 1,
                var c when c == r.Stimulus2Id => 2,
                _ => -1,
            }) correct++;
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alignet.teacher_random_arm_accuracy ("TeacherVersionId", "StudyId", "Responses", "Correct", "ReceivedAfter", "ComputedAt")
            VALUES ({teacher.Id}, {studyId}, {responses}, {correct}, {after}, now())
            ON CONFLICT ("TeacherVersionId", "StudyId") DO UPDATE SET "Responses" = excluded."Responses", "Correct" = excluded."Correct",
                "ReceivedAfter" = excluded."ReceivedAfter", "ComputedAt" = excluded."ComputedAt"
            """, ct);
        return new Outcome(responses, correct);
    }

    /// <summary>Position (0, 1, 2 for i, j, k) of the most probable odd one out; a tie goes to the earlier position.</summary>
    private static int MostProbableOdd(OddOneOutModel model, int i, int j, int k)
    {
        var (kOdd, jOdd, iOdd) = model.Probabilities(i, j, k);
        return iOdd >= jOdd && iOdd >= kOdd ? 0 : jOdd >= kOdd ? 1 : 2;
    }
}

using AligNet.Data;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using AligNet.Domain.Studies;
using AligNet.Jobs;
using AligNet.Ml.Sampling;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Generation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Pipelines.Sampling;

/// <summary>
/// Refills an adaptive study's queue (ADR-021): loads the newest teacher of the study's stimulus set and the set's
/// embeddings of its base model, draws random distinct triplets over the stimuli a participant can be shown
/// (those with an image), scores them with <see cref="TripletUncertainty"/> and replaces the study's queue with the
/// best ones in one transaction (delete, then COPY). Readers see the old queue or the new one, never a mix; a trial
/// batch popping during the swap (milliseconds) skips the rows it locks and serves those slots as Fallback, and the
/// delete waits for batches that hold popped rows until they commit (ADR-021). Then, with the teacher still loaded,
/// its held-out accuracy on the study's random arm (<see cref="RandomArmAccuracy"/>).
/// </summary>
public sealed class AdaptiveQueueRefill(AligNetDbContext db, string artifactRoot)
{
    public sealed record Outcome(Guid TeacherVersionId, int Candidates, int Queued, double BestScore, double LowestQueuedScore, UncertaintyScore Score,
        RandomArmAccuracy.Outcome HeldOut);

    public async Task<Outcome> RefillAsync(AdaptiveRefillRunParameters p, int seed, CancellationToken ct)
    {
        var study = await db.Studies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == p.StudyId, ct)
            ?? throw new RunInputException($"Study {p.StudyId} does not exist (any more).");
        if (!study.AdaptiveSampling) throw new RunInputException($"Study '{study.Name}' does not sample adaptively: turn adaptive sampling on in its design.");
        var teacher = await AdaptiveRefills.NewestTeacher(db, study.StimulusSetId).FirstOrDefaultAsync(ct)
            ?? throw new RunInputException("The study's stimulus set has no teacher yet: its adaptive slots fall back to balanced random until one is trained.");

        var pool = await GenerationPoolLoader.LoadAsync(db, [study.StimulusSetId], teacher.BaseModel, teacher.BaseModelVersion, ct);
        var (model, _) = TeacherArtifact.Load(Path.Combine(artifactRoot, teacher.ArtifactPath), pool.Embeddings);
        var ids = pool.Ids!.Select(Guid.Parse).ToArray();
        var excluded = await NotShownAsync(study.StimulusSetId, ids, ct);

        var allowed = (long)(ids.Length - excluded.Count);
        var possible = allowed < 3 ? 0 : allowed * (allowed - 1) * (allowed - 2) / 6;
        var count = (int)Math.Min(p.Candidates, possible);
        if (count == 0) throw new RunInputException("Fewer than 3 of the set's stimuli have both an image and an embedding: nothing to queue.");
        var candidates = TripletUncertainty.Candidates(ids.Length, count, seed, excluded);
        var kind = study.AdaptiveScore == AdaptiveScore.ExpectedInformationGain ? UncertaintyScore.ExpectedInformationGain : UncertaintyScore.Entropy;
        var scores = TripletUncertainty.Score(model, pool.Embeddings, candidates, kind);
        ct.ThrowIfCancellationRequested();

        var best = Enumerable.Range(0, candidates.Count).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(p.Keep).ToList();
        await ReplaceAsync(study.Id, teacher.Id, best.Select(c => (Ordered(ids, candidates[c]), scores[c])).ToList(), ct);
        // The teacher is loaded here anyway: score the random arm's answers it was not trained on (the Sampling page).
        var heldOut = await RandomArmAccuracy.ComputeAndStoreAsync(db, study.Id, teacher, model.OddOneOut(pool.Embeddings), ids, ct);
        return new Outcome(teacher.Id, candidates.Count, best.Count, scores[best[0]], scores[best[^1]], kind, heldOut);
    }

    /// <summary>Pool rows of stimuli without an image: a participant could not be shown them.</summary>
    private async Task<HashSet<int>> NotShownAsync(Guid setId, Guid[] ids, CancellationToken ct)
    {
        var shown = (await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId && s.ImagePath != null).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        return [.. Enumerable.Range(0, ids.Length).Where(r => !shown.Contains(ids[r]))];
    }

    // Stimuli in pool-row order (i < j < k): one key per triplet, as the queue's unique index expects.
    private static (Guid A, Guid B, Guid C) Ordered(Guid[] ids, (int I, int J, int K) t)
    {
        int[] rows = [t.I, t.J, t.K];
        Array.Sort(rows);
        return (ids[rows[0]], ids[rows[1]], ids[rows[2]]);
    }

    private async Task ReplaceAsync(Guid studyId, Guid teacherId, List<((Guid A, Guid B, Guid C) Triplet, double Score)> rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.AdaptiveQueue.Where(q => q.StudyId == studyId).ExecuteDeleteAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var now = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY alignet.adaptive_queue ("StudyId", "StimulusA", "StimulusB", "StimulusC", "Score", "TeacherVersionId", "CreatedAt") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var ((a, b, c), score) in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(studyId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(a, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(b, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(score, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(teacherId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}

using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Data.Participation;

/// <summary>
/// Decides a session's trials late: when the browser asks for trials that are not planned yet, the next batch is
/// planned (<see cref="SessionBatch"/>) and stored, and from then on served as stored — a reload, another tab or
/// another web instance gets the same trials. One planner per session at a time: the session row is locked
/// (<c>FOR NO KEY UPDATE</c>, which answers being stored meanwhile do not wait for), and whoever comes second finds
/// the trials already there. The pair coverage is read and updated in the same transaction, one batch of a study
/// at a time (ADR-018).
/// </summary>
public sealed class TrialPlanner(StudyDesignCache designs)
{
    /// <summary>First key of the two-key advisory lock on a study's pair coverage (kept apart from other advisory locks).</summary>
    private const int CoverageLockClass = 0x15A;

    /// <summary>Plans and stores trials until the session has <paramref name="upTo"/> (or all of them).</summary>
    public async Task PlanUpToAsync(AligNetDbContext db, ParticipantSession session, Study study, int upTo, CancellationToken ct)
    {
        upTo = Math.Min(upTo, session.TotalTrials);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM alignet.sessions WHERE \"Id\" = {session.Id} FOR NO KEY UPDATE", ct);
        var stored = await db.Trials.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index)
            .Select(t => new PlannedTrial(t.Index, t.Block, t.Kind, t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id, t.ExpectedPosition, t.RepeatOfIndex, t.Condition))
            .ToListAsync(ct);
        if (stored.Count >= upTo)
        {
            await transaction.CommitAsync(ct);
            return;
        }

        var pool = await designs.PoolAsync(study.StimulusSetId);
        var fixedList = session.FixedListNumber is { } list
            ? await db.FixedTrials.AsNoTracking().Where(f => f.StudyId == study.Id && f.ListNumber == list).OrderBy(f => f.Order).ToListAsync(ct)
            : null;
        var request = new SessionPlanRequest(study, pool, new PairCoverage(), fixedList, session.PlanSeed);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        IReadOnlyList<PlannedTrial> planned;
        try
        {
            var batch = SessionBatch.Prepare(request, SessionPlanner.DesignFor(study.Design), stored, upTo);
            if (batch.PairsToRead.Count > 0)
            {
                // Batches of one study that read pair counts take turns until they commit: a batch that read the
                // counts while another was choosing would pick the same rare pairs (with 24 sessions planned at
                // once over two instances, pair counts spread 7–14 instead of 8–10). Held for a few statements.
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CoverageLockClass}, hashtext({study.Id.ToString()}))", ct);
            }
            planned = batch.Plan(await PairCoverageStore.ReadAsync(connection, study.Id, batch.PairsToRead, ct));
        }
        catch (DesignException e)
        {
            throw new ParticipationException(ParticipationError.Conflict, $"This study cannot plan more trials: {e.Message} Please tell the researcher.");
        }

        db.Trials.AddRange(planned.Select(p => new Trial
        {
            Id = Guid.NewGuid(), SessionId = session.Id, Index = p.Index, Block = p.Block, Kind = p.Kind,
            Stimulus0Id = p.Stimulus0, Stimulus1Id = p.Stimulus1, Stimulus2Id = p.Stimulus2,
            ExpectedPosition = p.ExpectedPosition, RepeatOfIndex = p.RepeatOfIndex, Condition = p.Condition,
        }));
        await db.SaveChangesAsync(ct);
        await PairCoverageStore.RecordAsync(connection, study.Id, planned, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }
}

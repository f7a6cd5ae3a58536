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
/// <remarks>
/// Starts of one study queue on the coverage lock (ADR-018), so every round trip it is held for counts: a batch that
/// plans costs four: lock the session and read its trials; lock the study's coverage and read its counts; insert the
/// trials and update the counts; commit. The planned rows are returned, not read back; the lock is held for three.
/// A batch of an adaptive study with adaptive slots adds one round trip before the lock: the queue pop (ADR-021),
/// which never waits.
/// </remarks>
public sealed class TrialPlanner(StudyDesignCache designs, IAdaptiveQueueMonitor queueMonitor, int lowWater = TrialPlanner.DefaultLowWater)
{
    /// <summary>Below this many queued triplets an adaptive study asks for a refill (<c>Participants:Adaptive:LowWater</c>).</summary>
    public const string LowWaterSetting = "Participants:Adaptive:LowWater";
    public const int DefaultLowWater = 200;

    /// <summary>
    /// The session's trials, planning and storing the next ones first until it has <paramref name="upTo"/> (or all
    /// of them): every stored trial in index order, at least up to <paramref name="upTo"/>.
    /// </summary>
    public async Task<IReadOnlyList<StoredTrial>> TrialsUpToAsync(AligNetDbContext db, ParticipantSession session, Study study, int upTo, CancellationToken ct)
    {
        upTo = Math.Min(upTo, session.TotalTrials);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var stored = await StoredTrials.LockAndReadAsync(connection, session.Id, ct);
        if (stored.Count >= upTo)
        {
            await transaction.CommitAsync(ct);
            return stored;
        }

        var pool = await designs.PoolAsync(study.StimulusSetId);
        var fixedList = session.FixedListNumber is { } list
            ? await db.FixedTrials.AsNoTracking().Where(f => f.StudyId == study.Id && f.ListNumber == list).OrderBy(f => f.Order).ToListAsync(ct)
            : null;
        var request = new SessionPlanRequest(study, pool, new PairCoverage(), fixedList, session.PlanSeed);
        IReadOnlyList<PlannedTrial> planned;
        var queueLow = false;
        try
        {
            var batch = SessionBatch.Prepare(request, SessionPlanner.DesignFor(study.Design), [.. stored.Select(s => s.Planned)], upTo);
            // The pop comes before the coverage lock: its rows are locked (skipped by everyone else) until commit.
            var popped = batch.AdaptiveSlots > 0
                ? await AdaptiveQueueStore.PopAsync(connection, study.Id, batch.AdaptiveSlots, stored.Select(s => s.Planned), lowWater, ct)
                : null;
            queueLow = popped?.Low ?? false;
            planned = batch.Plan(await PairCoverageStore.LockAndReadAsync(connection, study.Id, batch.PairsToRead, ct), popped?.Triplets);
        }
        catch (DesignException e)
        {
            throw new ParticipationException(ParticipationError.Conflict, $"This study cannot plan more trials: {e.Message} Please tell the researcher.");
        }

        var added = planned.Select(p => new StoredTrial(Guid.NewGuid(), p)).ToList();
        await using (var write = new NpgsqlBatch(connection) { BatchCommands = { StoredTrials.Insert(session.Id, added) } })
        {
            if (PairCoverageStore.Record(study.Id, planned) is { } record) write.BatchCommands.Add(record);
            await write.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (queueLow) queueMonitor.QueueLow(study.Id);
        return [.. stored, .. added];
    }
}

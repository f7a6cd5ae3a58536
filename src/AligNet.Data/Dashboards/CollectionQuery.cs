using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>
/// The collection dashboard of one study: every figure one GROUP BY in PostgreSQL over the study's sessions, trials
/// and responses (joined on their keys; see the Issue16Dashboards indexes), so the page receives aggregates, never rows.
/// The caller has checked that the study may be seen (<see cref="Access.StaffAccess"/>).
/// Scored responses are answered ones of main trials and repeat probes in sessions that QC did not exclude, the same
/// responses a teacher trains on.
/// </summary>
public sealed class CollectionQuery(AligNetDbContext db, Guid studyId)
{
    /// <summary>RT histograms: bins of this width; slower answers fall in the last bin.</summary>
    public const int RtBinMs = 250, RtBins = 40;

    public sealed record SessionsBucket(DateTime Bucket, int Started, int Completed, int Excluded);
    public sealed record CountBucket(DateTime Bucket, int Count);
    public sealed record RtBin(string Level, int Bin, int Count);
    public sealed record Bin(int Value, int Count);
    public sealed record Ceiling(double? NoiseCeiling, int RepeatedTriplets, int Triplets);
    public sealed record ConsistencyBin(int Value, int Sessions, int Probes, int Same);

    /// <summary>Only these bucket sizes reach SQL (date_trunc's field), whatever the query string says.</summary>
    public static string Bucket(string? requested) => requested == "hour" ? "hour" : "day";

    public Task<List<SessionsBucket>> SessionsOverTimeAsync(string bucket, CancellationToken ct = default) =>
        db.Database.SqlQuery<SessionsBucket>($"""
            SELECT b AS "Bucket", sum(started)::int AS "Started", sum(completed)::int AS "Completed", sum(excluded)::int AS "Excluded"
            FROM (
                SELECT date_trunc({bucket}, s."StartedAt" AT TIME ZONE 'UTC') AS b, 1 AS started, 0 AS completed, 0 AS excluded
                FROM alignet.sessions s WHERE s."StudyId" = {studyId}
                UNION ALL
                SELECT date_trunc({bucket}, s."CompletedAt" AT TIME ZONE 'UTC'), 0, 1, CASE WHEN s."Qc" = 'Excluded' THEN 1 ELSE 0 END
                FROM alignet.sessions s WHERE s."StudyId" = {studyId} AND s."CompletedAt" IS NOT NULL
            ) AS events
            GROUP BY b ORDER BY b
            """).ToListAsync(ct);

    public Task<List<CountBucket>> ResponsesOverTimeAsync(string bucket, CancellationToken ct = default) =>
        db.Database.SqlQuery<CountBucket>($"""
            SELECT date_trunc({bucket}, r."ReceivedAt" AT TIME ZONE 'UTC') AS "Bucket", count(*)::int AS "Count"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId"
            WHERE s."StudyId" = {studyId}
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);

    /// <summary>RT histogram per level (the trial's condition, else its kind) of answered, non-practice trials.</summary>
    public Task<List<RtBin>> RtByLevelAsync(CancellationToken ct = default) =>
        db.Database.SqlQuery<RtBin>($"""
            SELECT coalesce(t."Condition", t."Kind") AS "Level", least(floor(r."RtMs" / {RtBinMs}), {RtBins})::int AS "Bin", count(*)::int AS "Count"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
            WHERE s."StudyId" = {studyId} AND r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice'
            GROUP BY 1, 2 ORDER BY 1, 2
            """).ToListAsync(ct);

    /// <summary>Histogram over participants (sessions) of their median RT, same responses and bins as per level.</summary>
    public Task<List<Bin>> MedianRtPerParticipantAsync(CancellationToken ct = default) =>
        db.Database.SqlQuery<Bin>($"""
            SELECT least(floor(m / {RtBinMs}), {RtBins})::int AS "Value", count(*)::int AS "Count"
            FROM (
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r."RtMs") AS m
                FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
                WHERE s."StudyId" = {studyId} AND r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice'
                GROUP BY r."SessionId"
            ) AS per_session
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);

    public Task<List<AttentionQuery.ReasonCount>> QcReasonsAsync(CancellationToken ct = default) => QcReasonCounts.ForStudyAsync(db, studyId, ct);

    /// <summary>
    /// How many unordered stimulus pairs were shown together in k scored main trials, per k (k = 0 included: pairs of
    /// the study's set never shown together).
    /// </summary>
    public async Task<List<Bin>> PairCoverageAsync(CancellationToken ct = default)
    {
        var shown = await db.Database.SqlQuery<Bin>($"""
            SELECT n::int AS "Value", count(*)::int AS "Count"
            FROM (
                SELECT count(*) AS n
                FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId",
                     LATERAL (VALUES (t."Stimulus0Id", t."Stimulus1Id"), (t."Stimulus0Id", t."Stimulus2Id"), (t."Stimulus1Id", t."Stimulus2Id")) AS pair(a, b)
                WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND t."Kind" = 'Main' AND r."ChosenPosition" IS NOT NULL
                GROUP BY least(pair.a, pair.b), greatest(pair.a, pair.b)
            ) AS per_pair
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);
        var stimuli = await db.Stimuli.CountAsync(x => db.Studies.Any(s => s.Id == studyId && s.StimulusSetId == x.StimulusSetId), ct);
        var never = (long)stimuli * (stimuli - 1) / 2 - shown.Sum(b => (long)b.Count);
        return never > 0 ? [new Bin(0, (int)never), .. shown] : shown;
    }

    /// <summary>
    /// THINGS-style noise ceiling of the study's scored responses: mean over triplets (unordered item sets) answered at
    /// least twice of the majority choice's share (AligNet.Evaluation's HumanAgreement, here as SQL).
    /// </summary>
    public Task<Ceiling> NoiseCeilingAsync(CancellationToken ct = default) =>
        db.Database.SqlQuery<Ceiling>($"""
            WITH scored AS (
                SELECT least(t."Stimulus0Id", t."Stimulus1Id", t."Stimulus2Id") AS x,
                       greatest(least(t."Stimulus0Id", t."Stimulus1Id"), least(greatest(t."Stimulus0Id", t."Stimulus1Id"), t."Stimulus2Id")) AS y,
                       greatest(t."Stimulus0Id", t."Stimulus1Id", t."Stimulus2Id") AS z,
                       r."ChosenStimulusId" AS odd
                FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
                WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND t."Kind" IN ('Main', 'RepeatProbe') AND r."ChosenStimulusId" IS NOT NULL),
            per_choice AS (SELECT x, y, z, count(*) AS n FROM scored GROUP BY x, y, z, odd),
            per_triplet AS (SELECT max(n) AS top, sum(n) AS total FROM per_choice GROUP BY x, y, z)
            SELECT avg(top::float8 / total) FILTER (WHERE total >= 2) AS "NoiseCeiling",
                   count(*) FILTER (WHERE total >= 2)::int AS "RepeatedTriplets", count(*)::int AS "Triplets"
            FROM per_triplet
            """).SingleAsync(ct);

    /// <summary>
    /// Within-person consistency: repeat probes whose chosen stimulus is the one chosen at the original trial, in
    /// sessions QC did not exclude; per session as a share in tenths (<see cref="ConsistencyBin.Value"/> 0–10), with the
    /// probes behind each bin so that the overall figure is their sum.
    /// </summary>
    public Task<List<ConsistencyBin>> RepeatConsistencyAsync(CancellationToken ct = default) =>
        db.Database.SqlQuery<ConsistencyBin>($"""
            SELECT floor(10 * same::float8 / probes)::int AS "Value", count(*)::int AS "Sessions",
                   sum(probes)::int AS "Probes", sum(same)::int AS "Same"
            FROM (
                SELECT count(*) AS probes, count(*) FILTER (WHERE rp."ChosenStimulusId" = ro."ChosenStimulusId") AS same
                FROM alignet.trials p
                JOIN alignet.sessions s ON s."Id" = p."SessionId"
                JOIN alignet.responses rp ON rp."TrialId" = p."Id"
                JOIN alignet.trials o ON o."SessionId" = p."SessionId" AND o."Index" = p."RepeatOfIndex"
                JOIN alignet.responses ro ON ro."TrialId" = o."Id"
                WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND p."Kind" = 'RepeatProbe'
                  AND rp."ChosenStimulusId" IS NOT NULL AND ro."ChosenStimulusId" IS NOT NULL
                GROUP BY p."SessionId"
            ) AS per_session
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(ct);

    /// <summary>Participants answering now: running sessions with a response in the last <paramref name="window"/>.</summary>
    public Task<int> ActiveNowAsync(DateTimeOffset now, TimeSpan window, CancellationToken ct = default)
    {
        var since = now - window;
        return db.Sessions.CountAsync(s => s.StudyId == studyId && s.Status == Domain.Participation.SessionStatus.InProgress
            && db.Responses.Any(r => r.SessionId == s.Id && r.ReceivedAt >= since), ct);
    }
}

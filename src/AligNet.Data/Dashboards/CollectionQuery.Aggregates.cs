using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Data.Dashboards;

/// <summary>
/// The collection figures over all of a study's responses, read as aggregate + tail (ADR-024): what
/// <see cref="DashboardFold"/> folded below the watermark, plus the responses received since it and the sessions whose
/// QC inclusion changed since their fold (<see cref="DashboardDeltaSql"/>). Each figure reads the watermark and then
/// the aggregates in one REPEATABLE READ snapshot, so it is exact at that snapshot whenever the fold last ran. The
/// watermark goes in as a parameter planned for its value (plan_cache_mode = force_custom_plan): a generic plan would
/// guess that a third of all responses are tail and scan them.
/// </summary>
public sealed partial class CollectionQuery
{
    private const string Watermark = "@watermark";

    /// <summary>The delta CTE for this study: everything from the watermark on, and the QC flips.</summary>
    private static readonly string Delta = $"delta AS ({DashboardDeltaSql.Rows(Watermark, "'infinity'", "@study")})";

    /// <summary>Sessions with responses after the watermark: their per-session figures are computed from their rows.</summary>
    private const string Live = $"""
        live AS (SELECT DISTINCT r."SessionId" AS id FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId"
                 WHERE s."StudyId" = @study AND r."ReceivedAt" >= {Watermark} AND r."ReceivedAt" < 'infinity')
        """;

    public Task<List<CountBucket>> ResponsesOverTimeAsync(string bucket, CancellationToken ct = default) =>
        Query<CountBucket>($"""
            WITH {Delta}
            SELECT date_trunc(@bucket, h) AS "Bucket", sum(n)::int AS "Count"
            FROM (SELECT "Hour" AS h, "Count" AS n FROM alignet.dashboard_response_hours WHERE "StudyId" = @study
                  UNION ALL SELECT date_trunc('hour', received AT TIME ZONE 'UTC'), all_sign FROM delta WHERE all_sign <> 0) AS m
            GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
            """, ct, new NpgsqlParameter("bucket", Bucket(bucket)));

    /// <summary>
    /// Answered main trials per arm (the Sampling page, ADR-021) and UTC bucket of when they were answered: the folded
    /// hours plus the tail.
    /// </summary>
    public Task<List<SamplingLiveQuery.ArmBucket>> AnsweredPerArmAsync(string bucket, CancellationToken ct = default) =>
        Query<SamplingLiveQuery.ArmBucket>($"""
            WITH {Delta}
            SELECT date_trunc(@bucket, h) AS "Bucket", arm AS "Arm", sum(n)::int AS "Count"
            FROM (SELECT "Hour" AS h, "Arm" AS arm, "Count" AS n FROM alignet.dashboard_arm_hours WHERE "StudyId" = @study
                  UNION ALL SELECT hour, arm, n FROM ({DashboardDeltaSql.ArmHours}) AS tail) AS m
            GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
            """, ct, new NpgsqlParameter("bucket", Bucket(bucket)));

    /// <summary>Answered adaptive main trials per teacher version that chose them (the Sampling page): folded plus tail.</summary>
    public Task<List<TeacherCount>> AdaptiveTrialsPerTeacherAsync(CancellationToken ct = default) =>
        Query<TeacherCount>($"""
            WITH {Delta}
            SELECT teacher AS "TeacherVersionId", sum(n)::int AS "Count"
            FROM (SELECT "TeacherVersionId" AS teacher, "Count" AS n FROM alignet.dashboard_arm_teachers WHERE "StudyId" = @study
                  UNION ALL SELECT teacher, n FROM ({DashboardDeltaSql.ArmTeachers}) AS tail) AS m
            GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1
            """, ct);

    /// <summary>RT histogram per level (the trial's condition, else its kind) of answered, non-practice trials.</summary>
    public Task<List<RtBin>> RtByLevelAsync(CancellationToken ct = default) =>
        Query<RtBin>($"""
            WITH {Delta}
            SELECT level AS "Level", bin AS "Bin", sum(n)::int AS "Count"
            FROM (SELECT "Level" AS level, "Bin" AS bin, "Count" AS n FROM alignet.dashboard_rt_bins WHERE "StudyId" = @study
                  UNION ALL SELECT level, least(floor(rt / {RtBinMs}), {RtBins})::int, all_sign FROM delta
                  WHERE all_sign <> 0 AND answered AND kind <> 'Practice') AS m
            GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2
            """, ct);

    /// <summary>
    /// Histogram over participants (sessions) of their median RT, same responses and bins as per level. The fold stores
    /// each session's exact median; sessions with newer responses get theirs computed here.
    /// </summary>
    public Task<List<Bin>> MedianRtPerParticipantAsync(CancellationToken ct = default) =>
        Query<Bin>($"""
            WITH {Live},
            medians AS (
                SELECT l."MedianRtMs" AS m FROM alignet.dashboard_session_stats l
                WHERE l."StudyId" = @study AND l."SessionId" NOT IN (SELECT id FROM live)
                UNION ALL
                SELECT {DashboardDeltaSql.MedianRt("live.id", "'infinity'")} FROM live)
            SELECT least(floor(m / {RtBinMs}), {RtBins})::int AS "Value", count(*)::int AS "Count"
            FROM medians WHERE m IS NOT NULL GROUP BY 1 ORDER BY 1
            """, ct);

    /// <summary>
    /// How many unordered stimulus pairs were shown together in k scored main trials, per k (k = 0 included: pairs of
    /// the study's set never shown together). Answered pairs, not planned ones (alignet.pair_coverage is the sampler's
    /// count of planned pairs, excluded sessions included).
    /// </summary>
    public async Task<List<Bin>> PairCoverageAsync(CancellationToken ct = default)
    {
        var shown = await Query<Bin>($"""
            WITH {Delta},
            d AS ({DashboardDeltaSql.PairDelta}),
            moves AS (
                SELECT d.study, coalesce(c."Count", 0) AS old, coalesce(c."Count", 0) + d.n AS new FROM d
                LEFT JOIN alignet.dashboard_pair_counts c ON c."StudyId" = d.study AND c."Low" = d.lo AND c."High" = d.hi),
            changes AS ({DashboardDeltaSql.HistogramChanges})
            SELECT shown AS "Value", sum(pairs)::int AS "Count"
            FROM (SELECT "Shown" AS shown, "Pairs" AS pairs FROM alignet.dashboard_pair_histogram WHERE "StudyId" = @study
                  UNION ALL SELECT shown, change FROM changes) AS h
            GROUP BY 1 HAVING sum(pairs) <> 0 ORDER BY 1
            """, ct);
        var stimuli = await db.Stimuli.CountAsync(x => db.Studies.Any(s => s.Id == studyId && s.StimulusSetId == x.StimulusSetId), ct);
        var never = (long)stimuli * (stimuli - 1) / 2 - shown.Sum(b => (long)b.Count);
        return never > 0 ? [new Bin(0, (int)never), .. shown] : shown;
    }

    /// <summary>
    /// THINGS-style noise ceiling of the study's scored responses: mean over triplets (unordered item sets) answered at
    /// least twice of the majority choice's share (AligNet.Evaluation's HumanAgreement, here as SQL over the folded
    /// per-triplet choice counts and their running sums).
    /// </summary>
    public async Task<Ceiling> NoiseCeilingAsync(CancellationToken ct = default)
    {
        static string Count(string column, string delta) => $"(coalesce(c.\"{column}\", 0) + {delta})";
        var rows = await Query<Ceiling>($"""
            WITH {Delta},
            d AS ({DashboardDeltaSql.TripletDelta}),
            moves AS (
                SELECT n.share - o.share AS share, n.repeated - o.repeated AS repeated, n.triplets - o.triplets AS triplets
                FROM d LEFT JOIN alignet.dashboard_triplet_choices c ON c."StudyId" = d.study AND (c."X", c."Y", c."Z") = (d.x, d.y, d.z),
                LATERAL (SELECT {DashboardDeltaSql.CeilingTerms(Count("ChoseX", "d.dx"), Count("ChoseY", "d.dy"), Count("ChoseZ", "d.dz"))}) AS n(share, repeated, triplets),
                LATERAL (SELECT {DashboardDeltaSql.CeilingTerms(Count("ChoseX", "0"), Count("ChoseY", "0"), Count("ChoseZ", "0"))}) AS o(share, repeated, triplets)),
            totals AS (
                SELECT sum(share) AS share, sum(repeated) AS repeated, sum(triplets) AS triplets
                FROM (SELECT "ShareSum" AS share, "Repeated" AS repeated, "Triplets" AS triplets FROM alignet.dashboard_ceilings WHERE "StudyId" = @study
                      UNION ALL SELECT share, repeated, triplets FROM moves) AS t)
            SELECT CASE WHEN repeated > 0 THEN share / repeated END AS "NoiseCeiling",
                   coalesce(repeated, 0)::int AS "RepeatedTriplets", coalesce(triplets, 0)::int AS "Triplets"
            FROM totals
            """, ct);
        return rows.Single();
    }

    /// <summary>
    /// Within-person consistency: repeat probes whose chosen stimulus is the one chosen at the original trial, in
    /// sessions QC did not exclude; per session as a share in tenths (<see cref="ConsistencyBin.Value"/> 0–10), with the
    /// probes behind each bin so that the overall figure is their sum.
    /// </summary>
    public Task<List<ConsistencyBin>> RepeatConsistencyAsync(CancellationToken ct = default) =>
        Query<ConsistencyBin>($"""
            WITH {Live},
            per_session AS (
                SELECT l."Probes" AS probes, l."Same" AS same
                FROM alignet.dashboard_session_stats l JOIN alignet.sessions s ON s."Id" = l."SessionId"
                WHERE l."StudyId" = @study AND s."Qc" <> 'Excluded' AND l."Probes" > 0 AND l."SessionId" NOT IN (SELECT id FROM live)
                UNION ALL
                SELECT c.probes, c.same FROM live JOIN alignet.sessions s ON s."Id" = live.id AND s."Qc" <> 'Excluded',
                LATERAL ({DashboardDeltaSql.Consistency("live.id", "'infinity'")}) AS c
                WHERE c.probes > 0)
            SELECT floor(10 * same::float8 / probes)::int AS "Value", count(*)::int AS "Sessions",
                   sum(probes)::int AS "Probes", sum(same)::int AS "Same"
            FROM per_session GROUP BY 1 ORDER BY 1
            """, ct);

    private async Task<List<T>> Query<T>(string sql, CancellationToken ct, params NpgsqlParameter[] extra)
    {
        await using var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct) : null;
        // Small reads: JIT compiling them (PostgreSQL's default above a cost threshold) took 0.8 s of a 0.9 s query.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL jit = off", ct);
        var watermark = await db.Database.SqlQueryRaw<DateTime>("""SELECT "FoldedBefore" AS "Value" FROM alignet.dashboard_watermark""").SingleAsync(ct);
        var flipped = await db.Database.SqlQueryRaw<Guid>(DashboardDeltaSql.Flipped("@study"), new NpgsqlParameter("study", studyId)).ToArrayAsync(ct);
        var rows = await db.Database.SqlQueryRaw<T>(sql, [
            new NpgsqlParameter("study", studyId),
            new NpgsqlParameter("watermark", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(watermark, DateTimeKind.Utc) },
            new NpgsqlParameter("flipped", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { Value = flipped },
            .. extra]).ToListAsync(ct);
        if (owned is not null) await owned.CommitAsync(ct);
        return rows;
    }
}

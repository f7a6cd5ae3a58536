using AligNet.Data;
using Microsoft.EntityFrameworkCore;
using AligNet.Data.Dashboards;
using static AligNet.Data.Dashboards.CollectionQuery;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>
/// The collection figures recomputed from every response, independently of the aggregates: the scans the page ran
/// before ADR-024 (one GROUP BY over responses, sessions and trials per figure). The aggregate + tail answer must equal
/// these at every moment.
/// </summary>
internal static class CollectionRecomputation
{
    public sealed record Figures(List<CountBucket> Hours, List<RtBin> RtByLevel, List<Bin> MedianRt, List<Bin> PairsShown,
        Ceiling Ceiling, List<ConsistencyBin> Consistency, List<SamplingLiveQuery.ArmBucket> ArmHours,
        List<TeacherCount> AdaptivePerTeacher);

    public static async Task<Figures> ComputeAsync(AligNetDbContext db, Guid studyId) => new(
        await db.Database.SqlQuery<CountBucket>($"""
            SELECT date_trunc('hour', r."ReceivedAt" AT TIME ZONE 'UTC') AS "Bucket", count(*)::int AS "Count"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId"
            WHERE s."StudyId" = {studyId} GROUP BY 1 ORDER BY 1
            """).ToListAsync(),
        await db.Database.SqlQuery<RtBin>($"""
            SELECT coalesce(t."Condition", t."Kind") AS "Level", least(floor(r."RtMs" / 250), 40)::int AS "Bin", count(*)::int AS "Count"
            FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
            WHERE s."StudyId" = {studyId} AND r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice'
            GROUP BY 1, 2 ORDER BY 1, 2
            """).ToListAsync(),
        await db.Database.SqlQuery<Bin>($"""
            SELECT least(floor(m / 250), 40)::int AS "Value", count(*)::int AS "Count"
            FROM (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r."RtMs") AS m
                  FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
                  WHERE s."StudyId" = {studyId} AND r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice'
                  GROUP BY r."SessionId") AS per_session
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(),
        await db.Database.SqlQuery<Bin>($"""
            SELECT n::int AS "Value", count(*)::int AS "Count"
            FROM (SELECT count(*) AS n
                  FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId",
                       LATERAL (VALUES (t."Stimulus0Id", t."Stimulus1Id"), (t."Stimulus0Id", t."Stimulus2Id"), (t."Stimulus1Id", t."Stimulus2Id")) AS pair(a, b)
                  WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND t."Kind" = 'Main' AND r."ChosenPosition" IS NOT NULL
                  GROUP BY least(pair.a, pair.b), greatest(pair.a, pair.b)) AS per_pair
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(),
        await db.Database.SqlQuery<Ceiling>($"""
            WITH scored AS (
                SELECT t."Stimulus0Id" AS a, t."Stimulus1Id" AS b, t."Stimulus2Id" AS c, r."ChosenStimulusId" AS odd
                FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
                WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND t."Kind" IN ('Main', 'RepeatProbe') AND r."ChosenStimulusId" IS NOT NULL),
            per_choice AS (SELECT ARRAY(SELECT unnest(ARRAY[a, b, c]) ORDER BY 1) AS items, odd, count(*) AS n FROM scored GROUP BY 1, 2),
            per_triplet AS (SELECT max(n) AS top, sum(n) AS total FROM per_choice GROUP BY items)
            SELECT avg(top::float8 / total) FILTER (WHERE total >= 2) AS "NoiseCeiling",
                   count(*) FILTER (WHERE total >= 2)::int AS "RepeatedTriplets", count(*)::int AS "Triplets"
            FROM per_triplet
            """).SingleAsync(),
        await db.Database.SqlQuery<ConsistencyBin>($"""
            SELECT floor(10 * same::float8 / probes)::int AS "Value", count(*)::int AS "Sessions", sum(probes)::int AS "Probes", sum(same)::int AS "Same"
            FROM (SELECT count(*) AS probes, count(*) FILTER (WHERE rp."ChosenStimulusId" = ro."ChosenStimulusId") AS same
                  FROM alignet.trials p JOIN alignet.sessions s ON s."Id" = p."SessionId"
                  JOIN alignet.responses rp ON rp."TrialId" = p."Id"
                  JOIN alignet.trials o ON o."SessionId" = p."SessionId" AND o."Index" = p."RepeatOfIndex"
                  JOIN alignet.responses ro ON ro."TrialId" = o."Id"
                  WHERE s."StudyId" = {studyId} AND s."Qc" <> 'Excluded' AND p."Kind" = 'RepeatProbe'
                    AND rp."ChosenStimulusId" IS NOT NULL AND ro."ChosenStimulusId" IS NOT NULL
                  GROUP BY p."SessionId") AS per_session
            GROUP BY 1 ORDER BY 1
            """).ToListAsync(),
        // The Sampling page's query before the arm aggregate: answered main trials per arm, whatever QC says.
        await db.Database.SqlQuery<SamplingLiveQuery.ArmBucket>($"""
            SELECT date_trunc('hour', r."ReceivedAt" AT TIME ZONE 'UTC') AS "Bucket", t."Arm" AS "Arm", count(*)::int AS "Count"
            FROM alignet.sessions s JOIN alignet.trials t ON t."SessionId" = s."Id" JOIN alignet.responses r ON r."TrialId" = t."Id"
            WHERE s."StudyId" = {studyId} AND t."Kind" = 'Main' AND t."Arm" IS NOT NULL AND r."ChosenPosition" IS NOT NULL
            GROUP BY 1, 2 ORDER BY 1, 2
            """).ToListAsync(),
        await db.Database.SqlQuery<TeacherCount>($"""
            SELECT t."TeacherVersionId" AS "TeacherVersionId", count(*)::int AS "Count"
            FROM alignet.sessions s JOIN alignet.trials t ON t."SessionId" = s."Id" JOIN alignet.responses r ON r."TrialId" = t."Id"
            WHERE s."StudyId" = {studyId} AND t."Kind" = 'Main' AND t."Arm" = 'Adaptive' AND t."TeacherVersionId" IS NOT NULL AND r."ChosenPosition" IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """).ToListAsync());
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace AligNet.Migrations;

/// <summary>
/// Data for the Issue15Sampling migration. Sessions started before it were planned whole, so their length is their
/// number of trials; the pair coverage, kept in memory per web process until then, is summed from the stored main
/// trials (as each process used to at start-up) so balanced random studies keep balancing where they were.
/// </summary>
internal static class Issue15Backfill
{
    public static void Apply(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE alignet.sessions s SET "TotalTrials" = (SELECT count(*) FROM alignet.trials t WHERE t."SessionId" = s."Id");
            INSERT INTO alignet.pair_coverage ("StudyId", "Low", "High", "Count")
            SELECT se."StudyId", LEAST(p.a, p.b), GREATEST(p.a, p.b), count(*)::int
            FROM alignet.trials t
            JOIN alignet.sessions se ON se."Id" = t."SessionId"
            CROSS JOIN LATERAL (VALUES (t."Stimulus0Id", t."Stimulus1Id"), (t."Stimulus0Id", t."Stimulus2Id"), (t."Stimulus1Id", t."Stimulus2Id")) AS p(a, b)
            WHERE t."Kind" = 'Main'
            GROUP BY se."StudyId", LEAST(p.a, p.b), GREATEST(p.a, p.b);
            """);
    }
}

using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>How many sessions gave each QC reason: one GROUP BY over the unnested reason arrays.</summary>
internal static class QcReasonCounts
{
    public static Task<List<AttentionQuery.ReasonCount>> ForSessionsAsync(AligNetDbContext db, Guid[] sessions, CancellationToken ct) =>
        db.Database.SqlQuery<AttentionQuery.ReasonCount>($"""
            SELECT reason AS "Reason", count(*)::int AS "Sessions"
            FROM alignet.sessions s, unnest(s."QcReasons") AS reason
            WHERE s."Id" = ANY({sessions})
            GROUP BY reason ORDER BY 2 DESC, 1
            """).ToListAsync(ct);

    public static Task<List<AttentionQuery.ReasonCount>> ForStudyAsync(AligNetDbContext db, Guid study, CancellationToken ct) =>
        db.Database.SqlQuery<AttentionQuery.ReasonCount>($"""
            SELECT reason AS "Reason", count(*)::int AS "Sessions"
            FROM alignet.sessions s, unnest(s."QcReasons") AS reason
            WHERE s."StudyId" = {study}
            GROUP BY reason ORDER BY 2 DESC, 1
            """).ToListAsync(ct);
}

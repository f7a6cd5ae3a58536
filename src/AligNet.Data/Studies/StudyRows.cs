using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Studies;

/// <summary>Loading a study's row for a change that must not interleave with another (state, edit, freeze, import).</summary>
internal static class StudyRows
{
    /// <summary>The tracked study, locked (FOR UPDATE) until the caller's transaction ends.</summary>
    public static Task<Study?> LockAsync(AligNetDbContext db, Guid id, CancellationToken ct) =>
        db.Studies.FromSql($"SELECT * FROM alignet.studies WHERE \"Id\" = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
}

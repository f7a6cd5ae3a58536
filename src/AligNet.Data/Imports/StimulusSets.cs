using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Imports;

public static class StimulusSets
{
    /// <summary>A stimulus set by id or exact name, for the CLI and the import forms.</summary>
    public static async Task<Guid> ResolveAsync(AligNetDbContext db, string idOrName, CancellationToken ct = default)
    {
        if (Guid.TryParse(idOrName, out var id) && await db.StimulusSets.AnyAsync(s => s.Id == id, ct)) return id;
        var match = await db.StimulusSets.Where(s => s.Name == idOrName).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        return match ?? throw new ArgumentException($"No stimulus set named or numbered '{idOrName}'.");
    }
}

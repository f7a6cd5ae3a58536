using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Secrets;

/// <summary>Reads a <see cref="ServerSecret"/>, creating it (32 random bytes) the first time; concurrent first uses agree on one.</summary>
public static class ServerSecrets
{
    public const string ExportPseudonyms = "export-pseudonyms";

    public static async Task<byte[]> GetOrCreateAsync(AligNetDbContext db, string name, CancellationToken ct = default)
    {
        var existing = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var fresh = RandomNumberGenerator.GetBytes(32);
        // ON CONFLICT DO NOTHING: whoever inserts first wins, everyone then reads the winner's value.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO alignet.server_secrets (\"Name\", \"Value\", \"CreatedAt\") VALUES ({name}, {fresh}, {DateTimeOffset.UtcNow}) ON CONFLICT DO NOTHING", ct);
        return await db.ServerSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstAsync(ct);
    }
}

using AligNet.Data;
using AligNet.Data.Startup;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Migrations;

/// <summary>Brings a database to the newest schema. Safe to run any number of times.</summary>
public static class MigrationRunner
{
    public static async Task<int> RunAsync(string connectionString, TextWriter output, CancellationToken ct = default)
    {
        await DatabaseReadiness.EnsureReachableAsync(connectionString, ct);

        await using var db = AligNetDbContext.Create(connectionString);

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count == 0)
        {
            await output.WriteLineAsync($"Schema of {ConnectionStringValidator.Describe(connectionString)} is current.");
            return 0;
        }
        // Each migration runs in its own transaction: an interrupted run leaves whole migrations applied, never half of one.
        await db.Database.MigrateAsync(ct);
        foreach (var name in pending)
        {
            await output.WriteLineAsync($"Applied {name}");
        }
        return 0;
    }
}

using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Domain.Audit;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Integration.Tests;

/// <summary>The audit log keeps what staff did, and the database itself refuses to rewrite it.</summary>
public class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_entry_is_stored_with_the_database_clock_and_its_details_as_json()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await new AuditTrail(database.ContextFactory()).RecordAsync("ada@example.org", AuditActions.StudyStateChange, "study/42",
            new { from = "Draft", to = "Open" }, Ct);

        await using var db = database.CreateContext();
        var entry = await db.AuditLog.SingleAsync(Ct);
        Assert.Equal(("ada@example.org", "study.state", "study/42"), (entry.Actor, entry.Action, entry.Target));
        Assert.InRange(entry.At, before, DateTimeOffset.UtcNow.AddSeconds(5));
        var to = await db.Database.SqlQueryRaw<string>("SELECT \"Details\" ->> 'to' AS \"Value\" FROM alignet.audit_log").SingleAsync(Ct);
        Assert.Equal("Open", to);
    }

    [Fact]
    public async Task An_entry_added_to_a_unit_of_work_is_saved_with_it_or_not_at_all()
    {
        await using (var db = database.CreateContext())
        {
            AuditTrail.Add(db, "ada@example.org", AuditActions.StudyEdit, "study/1");
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        await using var check = database.CreateContext();
        Assert.Equal(0, await check.AuditLog.CountAsync(Ct));
    }

    [Theory]
    [InlineData("UPDATE alignet.audit_log SET \"Actor\" = 'mallory'")]
    [InlineData("DELETE FROM alignet.audit_log")]
    [InlineData("TRUNCATE alignet.audit_log")]
    public async Task The_log_is_append_only(string rewrite)
    {
        await new AuditTrail(database.ContextFactory()).RecordAsync("ada@example.org", AuditActions.ExportResponses, "study/7", ct: Ct);

        await using var db = database.CreateContext();
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(rewrite, Ct));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        Assert.Equal("ada@example.org", (await db.AuditLog.SingleAsync(Ct)).Actor);
    }

    [Fact]
    public void Large_details_are_replaced_by_a_note_rather_than_stored()
    {
        var entry = AuditTrail.Create("ada@example.org", AuditActions.StudyEdit, "study/1", new { text = new string('x', 20_000) });

        Assert.Contains("\"truncated\":true", entry.Details, StringComparison.Ordinal);
        Assert.True(entry.Details!.Length < AuditTrail.MaxDetailsChars);
    }

    [Fact]
    public void Every_action_name_is_offered_as_a_filter()
    {
        Assert.Contains(AuditActions.StudyStateChange, AuditActions.All);
        Assert.Contains(AuditActions.ScheduleCreate, AuditActions.All);
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct().Count());
    }
}

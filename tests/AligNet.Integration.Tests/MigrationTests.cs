using AligNet.Data.Startup;
using AligNet.Migrations;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

public class MigrationTests
{
    [Fact]
    public async Task Migrations_create_the_schema_and_a_second_run_changes_nothing()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(migrated: false);
        var first = new StringWriter();
        var second = new StringWriter();

        Assert.Equal(0, await MigrationRunner.RunAsync(database.ConnectionString, first, TestContext.Current.CancellationToken));
        Assert.Equal(0, await MigrationRunner.RunAsync(database.ConnectionString, second, TestContext.Current.CancellationToken));

        Assert.Contains("Applied", first.ToString());
        Assert.Contains("is current", second.ToString());
        await using var db = database.CreateContext();
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'alignet'").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Superset(new HashSet<string> { "studies", "stimulus_sets", "stimuli", "participants", "sessions", "trials", "responses", "AspNetUsers", "AspNetRoles" }, tables.ToHashSet());
    }

    [Fact]
    public async Task An_unmigrated_database_is_refused_with_the_command_that_fixes_it()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync(migrated: false);

        var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseReadiness.EnsureReadyAsync(database.ConnectionString, TestContext.Current.CancellationToken));

        Assert.Contains("migration(s) not applied", error.Message);
        Assert.Contains(DatabaseReadiness.MigrateCommand, error.Message);
    }

    [Fact]
    public async Task A_migrated_database_is_ready()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();

        await DatabaseReadiness.EnsureReadyAsync(database.ConnectionString, TestContext.Current.CancellationToken);
    }
}

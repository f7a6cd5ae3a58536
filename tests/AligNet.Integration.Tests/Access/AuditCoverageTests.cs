using AligNet.Data.Audit;
using AligNet.Data.Models;
using AligNet.Domain.Audit;
using AligNet.Domain.Models;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// Audit entries of promotions (by a person and by the training rule), and the audit page's query: filters by actor,
/// action, target and time, newest first, paged in the database. Study, sharing and account actions are checked where
/// they happen (StudyOwnershipTests, StaffAccountTests), web imports and scheduled jobs in the browser tests.
/// </summary>
public class AuditCoverageTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_promotion_is_audited_with_the_person_or_as_the_platform_when_a_rule_promoted()
    {
        await using var db = database.CreateContext();
        var sample = await SampleStudy.CreateAsync(db, sessions: 1, trialsPerSession: 2);
        ModelVersion Version() => new()
        {
            Id = Guid.NewGuid(), StimulusSetId = sample.StimulusSetId, Kind = ModelKind.Teacher, BaseModel = "base", BaseModelVersion = "1",
            DataSnapshot = "{}", HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "x", CreatedAt = DateTimeOffset.UtcNow,
        };
        var (byRule, byPerson) = (Version(), Version());
        db.AddRange(byRule, byPerson);
        await db.SaveChangesAsync(Ct);

        await new ModelPromotion(db).PromoteAsync(byRule.Id, "rule: better on the same test split", Ct);
        await new ModelPromotion(db).PromoteAsync(byPerson.Id, "ada@example.org", Ct);

        var entries = await db.AuditLog.Where(e => e.Action == AuditActions.ModelPromote).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([$"model/{byRule.Id}", $"model/{byPerson.Id}"], entries.Select(e => e.Target));
        Assert.Equal([AuditTrail.SystemActor, "ada@example.org"], entries.Select(e => e.Actor));
    }

    [Fact]
    public async Task The_audit_query_filters_by_each_field_pages_newest_first_and_treats_wildcards_literally()
    {
        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < 30; i++)
                AuditTrail.Add(db, i % 2 == 0 ? "ada@example.org" : "bob_x@example.org", i % 3 == 0 ? AuditActions.StudyEdit : AuditActions.ExportResponses, $"study/{i}");
            await db.SaveChangesAsync(Ct);
        }
        await using var query = database.CreateContext();

        var firstPage = await AuditLogQuery.LoadAsync(query, new AuditFilter(), 0, 10, Ct);
        var ada = await AuditLogQuery.LoadAsync(query, new AuditFilter(Actor: "ADA"), 0, 100, Ct);
        var edits = await AuditLogQuery.LoadAsync(query, new AuditFilter(Action: AuditActions.StudyEdit), 0, 100, Ct);
        var target = await AuditLogQuery.LoadAsync(query, new AuditFilter(Target: "study/2"), 0, 100, Ct);
        var underscore = await AuditLogQuery.LoadAsync(query, new AuditFilter(Actor: "b_x"), 0, 100, Ct);
        var literal = await AuditLogQuery.LoadAsync(query, new AuditFilter(Actor: "a_a"), 0, 100, Ct);
        var future = await AuditLogQuery.LoadAsync(query, new AuditFilter(From: DateTimeOffset.UtcNow.AddHours(1)), 0, 100, Ct);
        var past = await AuditLogQuery.LoadAsync(query, new AuditFilter(To: DateTimeOffset.UtcNow.AddHours(1)), 0, 100, Ct);

        Assert.Equal((10, 30), (firstPage.Entries.Count, firstPage.Total));
        Assert.Equal("study/29", firstPage.Entries[0].Target);
        Assert.Equal(15, ada.Total);
        Assert.Equal(10, edits.Total);
        Assert.Equal(["study/29", "study/28", "study/27", "study/26", "study/25", "study/24", "study/23", "study/22", "study/21", "study/20", "study/2"],
            target.Entries.Select(e => e.Target));
        Assert.Equal(15, underscore.Total);
        Assert.Equal(0, literal.Total); // "_" is a character to find, not "any one character"
        Assert.Equal(0, future.Total);
        Assert.Equal(30, past.Total);
    }
}

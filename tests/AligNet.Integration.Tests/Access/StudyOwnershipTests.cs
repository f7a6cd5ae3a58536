using AligNet.Data.Access;
using AligNet.Data.Exports;
using AligNet.Data.Identity;
using AligNet.Data.Studies;
using AligNet.Domain.Audit;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// The object-level rules of <see cref="StaffAccess"/> against the real database: owner, collaborators (viewer,
/// editor), strangers and admins, for studies, stimulus sets and exports.
/// </summary>
public class StudyOwnershipTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private StaffCaller admin = null!, owner = null!, editor = null!, viewer = null!, stranger = null!;
    private SampleStudy sample = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        admin = await StaffUsers.CreateAsync(db, "admin@test.local", Roles.Admin);
        owner = await StaffUsers.CreateAsync(db, "owner@test.local", Roles.Researcher);
        editor = await StaffUsers.CreateAsync(db, "editor@test.local", Roles.Researcher);
        viewer = await StaffUsers.CreateAsync(db, "viewer@test.local", Roles.Researcher);
        stranger = await StaffUsers.CreateAsync(db, "stranger@test.local", Roles.Researcher);
        sample = await SampleStudy.CreateAsync(db, sessions: 2, trialsPerSession: 3);
        db.StudyMembers.Add(new StudyMember { StudyId = sample.StudyId, UserId = owner.UserId, Role = StudyRole.Owner, AddedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(Ct);
        await using var sharing = database.CreateContext();
        Assert.True((await new StudySharing(sharing, owner).ShareAsync(sample.StudyId, "EDITOR@test.local", StudyRole.Editor, Ct)).Succeeded);
        Assert.True((await new StudySharing(sharing, owner).ShareAsync(sample.StudyId, "viewer@test.local", StudyRole.Viewer, Ct)).Succeeded);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task<StudyRole?> RoleAsync(StaffCaller caller)
    {
        await using var db = database.CreateContext();
        return await new StaffAccess(db, caller).RoleOnStudyAsync(sample.StudyId, Ct);
    }

    [Fact]
    public async Task Each_caller_gets_their_role_and_a_stranger_none_exactly_as_for_a_study_that_does_not_exist()
    {
        Assert.Equal(StudyRole.Owner, await RoleAsync(admin));
        Assert.Equal(StudyRole.Owner, await RoleAsync(owner));
        Assert.Equal(StudyRole.Editor, await RoleAsync(editor));
        Assert.Equal(StudyRole.Viewer, await RoleAsync(viewer));
        Assert.Null(await RoleAsync(stranger));

        await using var db = database.CreateContext();
        Assert.Null(await new StaffAccess(db, admin).RoleOnStudyAsync(Guid.NewGuid(), Ct));
        Assert.Empty(await new StaffAccess(db, stranger).Studies().ToListAsync(Ct));
        Assert.Equal([sample.StudyId], await new StaffAccess(db, viewer).Studies().Select(s => s.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Only_editors_and_above_change_the_state_and_a_refusal_changes_nothing()
    {
        await using var db = database.CreateContext();
        var lifecycle = new StudyLifecycle(db);

        var byViewer = await lifecycle.ChangeStateAsync(sample.StudyId, StudyState.Paused, viewer, Ct);
        var byStranger = await lifecycle.ChangeStateAsync(sample.StudyId, StudyState.Paused, stranger, Ct);
        Assert.False(byViewer.Changed);
        Assert.False(byStranger.Changed);
        Assert.Equal(byViewer.Problems, byStranger.Problems);
        Assert.Equal(StudyState.Open, (await db.Studies.AsNoTracking().SingleAsync(s => s.Id == sample.StudyId, Ct)).State);

        Assert.True((await lifecycle.ChangeStateAsync(sample.StudyId, StudyState.Paused, editor, Ct)).Changed);
        var entry = await db.AuditLog.SingleAsync(e => e.Action == AuditActions.StudyStateChange, Ct);
        Assert.Equal(("editor@test.local", $"study/{sample.StudyId}"), (entry.Actor, entry.Target));
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_shares_and_the_owner_cannot_be_removed()
    {
        await using var db = database.CreateContext();

        Assert.False((await new StudySharing(db, editor).ShareAsync(sample.StudyId, "stranger@test.local", StudyRole.Viewer, Ct)).Succeeded);
        Assert.False((await new StudySharing(db, stranger).ShareAsync(sample.StudyId, "stranger@test.local", StudyRole.Editor, Ct)).Succeeded);
        Assert.False((await new StudySharing(db, admin).UnshareAsync(sample.StudyId, owner.UserId, Ct)).Succeeded);
        Assert.Contains("No staff account", (await new StudySharing(db, owner).ShareAsync(sample.StudyId, "nobody@test.local", StudyRole.Viewer, Ct)).Error);
        Assert.Null(await RoleAsync(stranger));

        Assert.True((await new StudySharing(db, admin).ShareAsync(sample.StudyId, "stranger@test.local", StudyRole.Viewer, Ct)).Succeeded);
        Assert.Equal(StudyRole.Viewer, await RoleAsync(stranger));
        Assert.True((await new StudySharing(db, owner).UnshareAsync(sample.StudyId, stranger.UserId, Ct)).Succeeded);
        Assert.Null(await RoleAsync(stranger));

        var actions = await db.AuditLog.Where(e => e.Target == $"study/{sample.StudyId}").Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(3, actions.Count(a => a == AuditActions.StudyShare)); // editor and viewer at set-up, stranger here
        Assert.Equal(1, actions.Count(a => a == AuditActions.StudyUnshare));
    }

    [Fact]
    public async Task A_viewer_cannot_save_an_edit_and_an_editor_can_with_the_changed_fields_audited()
    {
        await using var db = database.CreateContext();
        var stored = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == sample.StudyId, Ct);
        var fingerprint = StudyFingerprint.Of(stored);
        stored.Description = "renamed by an editor";

        Assert.False((await new StudyEditing(db).UpdateAsync(stored, fingerprint, viewer, Ct)).Saved);
        db.ChangeTracker.Clear();
        var saved = await new StudyEditing(db).UpdateAsync(stored, fingerprint, editor, Ct);

        Assert.True(saved.Saved, string.Join(" ", saved.Problems));
        var details = await db.Database.SqlQueryRaw<string>(
            "SELECT \"Details\"::text AS \"Value\" FROM alignet.audit_log WHERE \"Action\" = 'study.edit'").SingleAsync(Ct);
        Assert.Contains("\"Description\"", details);
        Assert.Contains("\"renamed by an editor\"", details);
        Assert.DoesNotContain("\"Name\"", details); // only what changed
    }

    [Fact]
    public async Task A_new_study_belongs_to_its_creator_and_may_only_use_a_set_the_creator_may_see()
    {
        await using var db = database.CreateContext();
        var hidden = new StimulusSet { Id = Guid.NewGuid(), Name = "someone else's", CreatedAt = DateTimeOffset.UtcNow, OwnerId = owner.UserId };
        var shared = new StimulusSet { Id = Guid.NewGuid(), Name = "shared", CreatedAt = DateTimeOffset.UtcNow, IsShared = true };
        db.AddRange(hidden, shared);
        await db.SaveChangesAsync(Ct);

        var onHidden = StudyDefaults.NewStudy(hidden.Id, null);
        onHidden.Name = "on a hidden set";
        Assert.False((await new StudyEditing(db).CreateAsync(onHidden, stranger, Ct)).Saved);
        db.ChangeTracker.Clear();
        var onShared = StudyDefaults.NewStudy(shared.Id, null);
        onShared.Name = "on a shared set";
        Assert.True((await new StudyEditing(db).CreateAsync(onShared, stranger, Ct)).Saved);

        Assert.Equal(StudyRole.Owner, await new StaffAccess(db, stranger).RoleOnStudyAsync(onShared.Id, Ct));
        Assert.Null(await new StaffAccess(db, owner).RoleOnStudyAsync(onShared.Id, Ct));
        Assert.Single(await db.AuditLog.Where(e => e.Action == AuditActions.StudyCreate && e.Actor == "stranger@test.local").ToListAsync(Ct));
    }

    [Fact]
    public async Task Researchers_see_shared_sets_their_own_and_those_of_studies_they_see_but_no_other()
    {
        await using var db = database.CreateContext();
        var own = new StimulusSet { Id = Guid.NewGuid(), Name = "stranger's own", CreatedAt = DateTimeOffset.UtcNow, OwnerId = stranger.UserId };
        var shared = new StimulusSet { Id = Guid.NewGuid(), Name = "shared by all", CreatedAt = DateTimeOffset.UtcNow, IsShared = true };
        var private_ = new StimulusSet { Id = Guid.NewGuid(), Name = "owner's private", CreatedAt = DateTimeOffset.UtcNow, OwnerId = owner.UserId };
        db.AddRange(own, shared, private_);
        await db.SaveChangesAsync(Ct);

        async Task<HashSet<Guid>> SetsOf(StaffCaller caller) => [.. await new StaffAccess(db, caller).StimulusSets().Select(s => s.Id).ToListAsync(Ct)];

        Assert.True((await SetsOf(stranger)).SetEquals([own.Id, shared.Id]));
        Assert.True((await SetsOf(viewer)).SetEquals([sample.StimulusSetId, shared.Id]));
        Assert.True((await SetsOf(owner)).SetEquals([sample.StimulusSetId, shared.Id, private_.Id]));
        Assert.Equal(4, (await SetsOf(admin)).Count);
        Assert.False(await new StaffAccess(db, viewer).MayShareStimulusSetAsync(private_.Id, Ct));
        Assert.True(await new StaffAccess(db, owner).MayShareStimulusSetAsync(private_.Id, Ct));
    }

    [Fact]
    public async Task An_export_without_a_study_holds_only_the_callers_studies()
    {
        await using (var db = database.CreateContext()) await SampleStudy.CreateAsync(db, sessions: 1, trialsPerSession: 4, participantPrefix: "other ");

        async Task<long> RowsFor(StaffCaller caller)
        {
            await using var db = database.CreateContext();
            var filter = new ExportFilter { StudyIds = await new StaffAccess(db, caller).ExportableStudiesAsync(Ct) };
            return await new ResponseExporter(db).ExportAsync(ExportFormat.Csv, filter, new MemoryStream(), Ct);
        }

        Assert.Equal(2 * 3, await RowsFor(viewer));
        Assert.Equal(0, await RowsFor(stranger));
        Assert.Equal(2 * 3 + 4, await RowsFor(admin));
    }
}

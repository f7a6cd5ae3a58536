using AligNet.Data.Access;
using AligNet.Data.Identity;
using AligNet.Data.Studies;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Studies;

/// <summary>Opening, state changes and edits against the real database.</summary>
public class StudyLifecycleTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Guid setId;
    private StaffCaller owner = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "animals and tools", CreatedAt = DateTimeOffset.UtcNow };
        // Twelve stimuli make 220 triplets, enough for a default session (66 different triplets with practice).
        for (var i = 0; i < 12; i++) set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"s{i}", CategoryPath = [i < 6 ? "animals" : "tools"] });
        db.Add(set);
        await db.SaveChangesAsync();
        setId = set.Id;
        owner = await StaffUsers.CreateAsync(db, "admin@test.local", Roles.Admin);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private async Task<Study> CreateAsync(Action<Study> change)
    {
        var study = StudyDefaults.NewStudy(setId, "test");
        study.Name = "study";
        change(study);
        await using var db = database.CreateContext();
        var result = await new StudyEditing(db).CreateAsync(study, owner, TestContext.Current.CancellationToken);
        Assert.True(result.Saved, string.Join(" ", result.Problems));
        return study;
    }

    [Fact]
    public async Task Opening_refuses_with_every_reason_then_the_lifecycle_runs_to_closed()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = await CreateAsync(s => (s.Recruitment, s.CompletionCode, s.Design) = (RecruitmentSource.Prolific, "", DesignKind.FixedLists));
        await using var db = database.CreateContext();
        var lifecycle = new StudyLifecycle(db);

        var refused = await lifecycle.ChangeStateAsync(study.Id, StudyState.Open, owner, ct);
        Assert.False(refused.Changed);
        Assert.Contains("Enter (or generate) a completion code: Prolific participants need it to be paid.", refused.Problems);
        Assert.Contains("This study uses fixed trial lists but none are imported; import the trial lists.", refused.Problems); // from DesignCheck

        await db.Studies.Where(s => s.Id == study.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CompletionCode, "DONE").SetProperty(s => s.Design, DesignKind.BalancedRandom), ct);
        db.ChangeTracker.Clear();
        Assert.True((await lifecycle.ChangeStateAsync(study.Id, StudyState.Open, owner, ct)).Changed);
        Assert.True((await lifecycle.ChangeStateAsync(study.Id, StudyState.Paused, owner, ct)).Changed);
        Assert.True((await lifecycle.ChangeStateAsync(study.Id, StudyState.Open, owner, ct)).Changed);
        Assert.True((await lifecycle.ChangeStateAsync(study.Id, StudyState.Closed, owner, ct)).Changed);
        var reopen = await lifecycle.ChangeStateAsync(study.Id, StudyState.Open, owner, ct);
        Assert.Equal(["A study cannot go from Closed to Open: a closed study stays closed."], reopen.Problems);
        Assert.Equal(StudyState.Closed, (await db.Studies.AsNoTracking().SingleAsync(s => s.Id == study.Id, ct)).State);
    }

    [Fact]
    public async Task An_edit_that_raced_another_is_refused_and_a_frozen_design_keeps_its_values()
    {
        var ct = TestContext.Current.CancellationToken;
        var study = await CreateAsync(_ => { });
        var loaded = StudyFingerprint.Of(study);

        var first = Copy(study);
        first.Name = "first";
        var second = Copy(study);
        second.Name = "second";
        await using (var db = database.CreateContext()) Assert.True((await new StudyEditing(db).UpdateAsync(first, loaded, owner, ct)).Saved);
        await using (var db = database.CreateContext())
        {
            var raced = await new StudyEditing(db).UpdateAsync(second, loaded, owner, ct);
            Assert.Contains("Someone else saved this study since you opened it.", Assert.Single(raced.Problems));
        }

        await using (var db = database.CreateContext())
        {
            await db.Studies.Where(s => s.Id == study.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.DesignFrozenAt, DateTimeOffset.UtcNow), ct);
            var stored = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == study.Id, ct);
            var design = Copy(stored);
            design.TrialsPerParticipant = 99;
            var refused = await new StudyEditing(db).UpdateAsync(design, StudyFingerprint.Of(stored), owner, ct);
            Assert.Contains("only the name, description, texts and codes can change", Assert.Single(refused.Problems));

            var texts = Copy(stored);
            (texts.Name, texts.DebriefMarkdown) = ("renamed", "Thanks!");
            Assert.True((await new StudyEditing(db).UpdateAsync(texts, StudyFingerprint.Of(stored), owner, ct)).Saved);
        }
        await using var check = database.CreateContext();
        var final = await check.Studies.AsNoTracking().SingleAsync(s => s.Id == study.Id, ct);
        Assert.Equal(("renamed", "Thanks!", study.TrialsPerParticipant), (final.Name, final.DebriefMarkdown, final.TrialsPerParticipant));
    }

    private static Study Copy(Study s)
    {
        var copy = new Study { Id = s.Id, Name = s.Name, DesignFrozenAt = s.DesignFrozenAt, State = s.State };
        StudyEditing.CopyEditable(s, copy, includeDesign: true);
        return copy;
    }
}

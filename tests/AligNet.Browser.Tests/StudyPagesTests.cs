using System.Text.RegularExpressions;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>Researchers set up, open and watch studies through the real pages.</summary>
public class StudyPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Twelve stimuli in two top-level categories: catch trials are possible and 220 triplets fill a default session.</summary>
    private async Task<Guid> CategorisedSetAsync(string name)
    {
        await using var db = fixture.App.Database.CreateContext();
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = name, CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < 12; i++)
        {
            set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"item {i}", CategoryPath = [i < 6 ? "warm" : "cold"] });
        }
        db.Add(set);
        await db.SaveChangesAsync();
        return set.Id;
    }

    [Fact]
    public async Task The_editor_shows_how_many_catch_trials_the_design_makes_and_warns_when_one_miss_ends_a_session()
    {
        await CategorisedSetAsync("Catch count (browser test)");
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/studies/new");
        await Session.WaitUntilInteractiveAsync(page);

        // The demo study's numbers: 30 trials, 10 % catch = 3 catch trials at 90 % required accuracy.
        await page.GetByLabel("Trials per participant", new() { Exact = true }).FillAsync("30");
        await page.GetByLabel("Catch trials (%)", new() { Exact = true }).FillAsync("10");
        await Assertions.Expect(page.GetByText("3 catch trials per participant: two images")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("catch-warning")).ToContainTextAsync("a single missed catch trial (2/3 = 67 %) ends the session");

        // 40 %: 12 catch trials, one miss leaves 11/12 = 92 % ≥ 90 %: no warning.
        await page.GetByLabel("Catch trials (%)", new() { Exact = true }).FillAsync("40");
        await Assertions.Expect(page.GetByText("12 catch trials per participant: two images")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("catch-warning")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_researcher_creates_a_study_fixes_a_validation_error_opens_it_and_sees_its_entry_link()
    {
        await CategorisedSetAsync("Colours (browser test)");
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/studies");
        await page.GetByRole(AriaRole.Link, new() { Name = "New study" }).ClickAsync();
        await page.WaitForURLAsync("**/research/studies/new", Session.Wait);
        await Session.WaitUntilInteractiveAsync(page);

        await page.GetByLabel("Stimulus set").ClickAsync();
        // The option in the open list: once chosen, the select itself shows the same text.
        await page.GetByRole(AriaRole.Option, new() { Name = "Colours (browser test) (12 stimuli)" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Colour odd-one-out");
        await page.GetByLabel("Blocks", new() { Exact = true }).FillAsync("500");
        await Assertions.Expect(page.GetByText("Set the blocks between 1 and 50 (at most 50, and no more than the trials per participant).")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create study" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-problems")).ToContainTextAsync("Set the blocks between 1 and 50"); // refused
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/research/studies/new$"));

        await page.GetByLabel("Blocks", new() { Exact = true }).FillAsync("3");
        await Assertions.Expect(page.GetByText("Set the blocks between 1 and 50")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("preview-consent")).ToContainTextAsync("Consent to take part"); // Markdown rendered
        await page.GetByRole(AriaRole.Button, new() { Name = "Create study" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/research/studies/[0-9a-f-]{36}$"), Session.Wait);
        await Assertions.Expect(page.GetByTestId("study-state")).ToHaveTextAsync("Draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open study" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("study-state")).ToHaveTextAsync("Open");

        var studyId = page.Url.Split('/')[^1];
        await Assertions.Expect(page.GetByTestId("entry-link")).ToHaveTextAsync(fixture.App.BaseAddress.ToString().TrimEnd('/') + $"/take/{studyId}");
        await using var db = fixture.App.Database.CreateContext();
        var stored = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == Guid.Parse(studyId), TestContext.Current.CancellationToken);
        Assert.Equal(("Colour odd-one-out", 3, StudyState.Open), (stored.Name, stored.Blocks, stored.State));
        await BrowserFixture.ScreenshotAsync(page, "study-opened");
    }

    [Fact]
    public async Task After_the_first_session_the_design_is_read_only_but_the_name_can_change()
    {
        var setId = await CategorisedSetAsync("Frozen set " + Guid.NewGuid().ToString("N")[..6]);
        var study = new Study { Id = Guid.NewGuid(), Name = "Frozen study", StimulusSetId = setId, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow, DesignFrozenAt = DateTimeOffset.UtcNow };
        await using (var db = fixture.App.Database.CreateContext())
        {
            // What the session service does when the first participant starts: a session row, and the design frozen.
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = "first", CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(study, participant, new ParticipantSession { Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/studies/{study.Id}/edit");

        await Assertions.Expect(page.GetByTestId("design-frozen")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Trials per participant")).ToHaveAttributeAsync("readonly", new Regex(".*"));
        await Assertions.Expect(page.GetByLabel("Fixation (ms)")).ToHaveAttributeAsync("readonly", new Regex(".*"));
        await Assertions.Expect(page.GetByLabel("Mouse")).ToBeDisabledAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Frozen study, renamed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await page.WaitForURLAsync($"**/research/studies/{study.Id}", Session.Wait);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Frozen study, renamed" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_study_page_lists_sessions_with_their_QC_and_filters_by_it()
    {
        SampleStudy sample;
        await using (var db = fixture.App.Database.CreateContext())
        {
            sample = await SampleStudy.CreateAsync(db, sessions: 3, trialsPerSession: 5, excludeLast: true);
            // Two finished sessions carry their stored verdict; the first still runs and is judged live.
            await db.Sessions.Where(s => s.Id == sample.SessionIds[1] || s.Id == sample.SessionIds[2])
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Completed).SetProperty(s => s.Outcome, SessionOutcome.Completed), TestContext.Current.CancellationToken);
            await db.Sessions.Where(s => s.Id == sample.SessionIds[2])
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.QcReasons, new[] { "3 of 4 answers on the left" }), TestContext.Current.CancellationToken);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/studies/{sample.StudyId}");

        var table = page.GetByTestId("sessions-table");
        await Assertions.Expect(table).ToContainTextAsync("PID 0");
        await Assertions.Expect(table).ToContainTextAsync("5 / 5"); // a timeout is stored as a response too
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Filter(new() { HasText = "PID 2" }).GetByTestId("qc-chip")).ToHaveTextAsync("Excluded");
        await Assertions.Expect(rows.Filter(new() { HasText = "PID 1" }).GetByTestId("qc-chip")).ToHaveTextAsync("Valid");
        // Live QC of the running session: a verdict once QcEvaluator exists, "QC pending" before.
        await Assertions.Expect(rows.Filter(new() { HasText = "PID 0" }).GetByTestId("qc-chip")).ToHaveTextAsync(new Regex(@"QC pending|\(live\)"));
        await Assertions.Expect(page.GetByTestId("study-counts")).ToContainTextAsync(new Regex(@"Responses\s*15"));

        await page.GetByLabel("Show QC status").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Excluded", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("PID 2");
        await BrowserFixture.ScreenshotAsync(page, "study-sessions");
    }
}

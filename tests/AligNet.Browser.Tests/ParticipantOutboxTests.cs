using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AligNet.Browser.Tests;

/// <summary>
/// Answers waiting in the browser are never stranded: two tabs of one session keep separate outboxes; an answer the
/// server refuses for good is recorded there with its reason and the participant is told; a study paused while
/// answers wait still takes them after a reload.
/// </summary>
public class ParticipantOutboxTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ResponsesRoute = "**/api/participate/sessions/*/responses";

    private async Task<Study> CreateStudyAsync()
    {
        await using var db = fixture.App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, fixture.App.StimulusRoot, s =>
        {
            s.TrialsPerParticipant = 6; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1;
            s.FixationMs = 0; s.InterTrialIntervalMs = 0; s.ChoiceFeedbackMs = 0; s.BreakMaxSeconds = 0;
            s.MinimumValidRtMs = 100; s.ResponseTimeLimitMs = 0;
        });
    }

    private static async Task ClickStartAsync(IPage page)
    {
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await start.ClickAsync();
    }

    private static async Task AnswerAsync(IPage page, int index, int position)
    {
        var shown = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
        await shown.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(150);
        await shown.Locator($".p-choice[data-position='{position}']").ClickAsync();
        await page.WaitForFunctionAsync($"() => !document.querySelector(\".p-trial[data-trial-index='{index}'][data-trial-state='shown']\")");
    }

    private static Task<int> HeldAnswersAsync(IPage page) => page.EvaluateAsync<int>("""
        () => Object.keys(localStorage).filter(k => k.includes(':outbox')).map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)
        """);

    [Fact]
    public async Task Two_tabs_keep_their_own_outboxes_and_a_refused_answer_is_recorded_with_its_reason()
    {
        var study = await CreateStudyAsync();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString() });
        await context.RouteAsync(ResponsesRoute, route => route.AbortAsync()); // offline for answers, in both tabs
        var first = await context.NewPageAsync();
        await first.GotoAsync($"/take/{study.Id}");
        await first.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        await ClickStartAsync(first);
        await AnswerAsync(first, 0, 0);

        // The second tab resumes the same session after the answer the first tab still holds.
        var second = await context.NewPageAsync();
        await second.GotoAsync($"/take/{study.Id}");
        await ClickStartAsync(second);
        await AnswerAsync(second, 1, 1);
        await AnswerAsync(first, 1, 2); // the first tab's own next trial: a second answer to trial 1

        // Before issue 10 the first tab's save overwrote the second tab's list: 2 answers held instead of 3.
        Assert.Equal(3, await HeldAnswersAsync(first));

        await context.UnrouteAsync(ResponsesRoute);
        var sessionId = Guid.Parse((await first.Locator("#participant-app").GetAttributeAsync("data-session-id"))!);
        await using var db = fixture.App.Database.CreateContext();
        for (var waited = 0; waited < 300 && await db.RejectedResponses.CountAsync(r => r.SessionId == sessionId, Ct) == 0; waited++)
        {
            await Task.Delay(100, Ct);
        }

        var stored = await db.Responses.Where(r => r.SessionId == sessionId).Select(r => r.Trial!.Index).OrderBy(i => i).ToListAsync(Ct);
        var rejected = await db.RejectedResponses.SingleAsync(r => r.SessionId == sessionId, Ct);
        Assert.Equal([0, 1], stored);
        Assert.Equal(409, rejected.Status);
        Assert.Contains("already has a stored answer", rejected.Reason);
        Assert.NotNull(rejected.Payload);
        // The tab whose answer was refused says so in words.
        var notes = new List<string>();
        foreach (var tab in new[] { first, second })
        {
            if (await tab.Locator("#p-refused").CountAsync() > 0) notes.Add(await tab.Locator("#p-refused").InnerTextAsync());
        }
        Assert.Contains("could not be saved", Assert.Single(notes));
    }

    [Fact]
    public async Task Session_start_consent_and_completion_are_retried_through_503s()
    {
        var study = await CreateStudyAsync();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString() });
        // The first attempt of each of these gets what a database restart gives: 503 with Retry-After.
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        foreach (var pattern in new[] { "**/api/participate/studies/*/sessions", "**/api/participate/sessions/*/consent", "**/api/participate/sessions/*/complete" })
        {
            await context.RouteAsync(pattern, async route =>
            {
                if (refused.AddOrUpdate(pattern, 1, (_, n) => n + 1) == 1)
                {
                    await route.FulfillAsync(new()
                    {
                        Status = 503, ContentType = "application/problem+json", Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                        Body = """{"status":503,"detail":"The study's database is briefly unavailable."}""",
                    });
                }
                else await route.ContinueAsync();
            });
        }
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/take/{study.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        await ClickStartAsync(page);
        for (var index = 0; index < 6; index++) await AnswerAsync(page, index, index % 3);

        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");
        Assert.All(refused.Values, attempts => Assert.Equal(2, attempts));
        Assert.Equal(3, refused.Count);
    }

    [Fact]
    public async Task Answers_held_when_the_study_is_paused_are_sent_after_a_reload_and_the_session_goes_on()
    {
        var study = await CreateStudyAsync();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString() });
        await context.RouteAsync(ResponsesRoute, route => route.AbortAsync());
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        await page.GotoAsync($"/take/{study.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        await ClickStartAsync(page);
        await AnswerAsync(page, 0, 0);
        await AnswerAsync(page, 1, 1);
        Assert.Equal(2, await HeldAnswersAsync(page));

        await using (var db = fixture.App.Database.CreateContext())
        {
            await db.Studies.Where(s => s.Id == study.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.State, StudyState.Paused), Ct);
        }
        await context.UnrouteAsync(ResponsesRoute);
        await page.ReloadAsync();
        // The old page retries its held answers too: when one of them reaches the server before the reloaded page
        // asks for its session, the session resumes straight at the trials; otherwise the instructions come first.
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        var next = page.Locator(".p-trial[data-trial-index='2'][data-trial-state='shown']");
        await Expect(start.Or(next)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await start.IsVisibleAsync()) await ClickStartAsync(page);

        // The session continues at the next trial, and the two held answers reach the database.
        try
        {
            await page.Locator(".p-trial[data-trial-index='2'][data-trial-state='shown']").WaitForAsync(new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("Trial 2 did not appear after the reload. The page shows: " + await page.Locator("#participant-app").InnerTextAsync()
                + "\nScreen: " + await page.EvaluateAsync<string>("() => document.getElementById('p-screen').outerHTML.slice(0, 600) + ' | storage: ' + JSON.stringify(Object.keys(localStorage))")
                + "\nConsole: " + string.Join("\n", console));
        }
        await page.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.includes(':outbox'))");
        await using var check = fixture.App.Database.CreateContext();
        var stored = await check.Responses.Where(r => r.Trial!.Session!.StudyId == study.Id).Select(r => r.Trial!.Index).OrderBy(i => i).ToListAsync(Ct);
        Assert.Equal([0, 1], stored);

        // A newcomer to the paused study is told why in words.
        var newcomer = await fixture.NewPageAsync();
        await newcomer.GotoAsync($"/take/{study.Id}");
        await Expect(newcomer.Locator("h1")).ToHaveTextAsync("The study is not available");
        await Expect(newcomer.Locator(".p-page")).ToContainTextAsync("paused");
    }
}

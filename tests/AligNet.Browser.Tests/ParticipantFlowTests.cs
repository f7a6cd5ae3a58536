using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AligNet.Browser.Tests;

/// <summary>
/// Whole participant sessions in Chromium: consent, instructions, practice, blocks, completion code, with the
/// keyboard and with the mouse. Keys are pressed at known delays after the stimulus onset the page reports, and
/// the stored RTs must match those delays within a few milliseconds.
/// </summary>
public class ParticipantFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Clock conversions (epoch ↔ monotonic) inside Chromium may round by a fraction of a millisecond.</summary>
    private const double RtToleranceMs = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync()
    {
        await using var db = fixture.App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, fixture.App.StimulusRoot, s =>
        {
            s.TrialsPerParticipant = 8; s.PracticeTrials = 2; s.CatchTrialShare = 0; s.Blocks = 2;
            s.FixationMs = 150; s.InterTrialIntervalMs = 100; s.ChoiceFeedbackMs = 100; s.BreakMaxSeconds = 0;
            s.MinimumValidRtMs = 200; s.ResponseTimeLimitMs = 15_000;
        });
    }

    [Fact]
    public async Task A_keyboard_session_stores_reaction_times_that_match_the_pressed_delays()
    {
        var study = await CreateStudyAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/take/{study.Id}");
        await StartAsync(page);

        var delays = new Dictionary<int, double>();
        var keys = new[] { ("1", "Digit1", 49), ("ArrowDown", "ArrowDown", 40), ("ArrowRight", "ArrowRight", 39) };
        var cdp = await page.Context.NewCDPSessionAsync(page);
        for (var index = 0; index < 10; index++)
        {
            await PassInterludesAsync(page, index);
            var trial = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
            await trial.WaitForAsync(new() { Timeout = 30_000 });
            var onset = double.Parse((await trial.GetAttributeAsync("data-onset"))!, System.Globalization.CultureInfo.InvariantCulture);
            var delay = 350 + 41 * index;
            // Wait in the page's own clock until onset + delay, then press, stamping the key event with that very
            // moment (CDP's timestamp, on the epoch clock performance.timeOrigin anchors): the stored RT must be
            // the delay itself, whatever the test harness's own latency.
            var timeOrigin = await page.EvaluateAsync<double>("t => new Promise(r => { const tick = () => performance.now() >= t ? r(performance.timeOrigin) : setTimeout(tick, 1); tick(); })", onset + delay);
            var stamp = (timeOrigin + onset + delay) / 1000;
            var (key, code, keyCode) = keys[index % 3];
            foreach (var type in new[] { "rawKeyDown", "keyUp" })
            {
                await cdp.SendAsync("Input.dispatchKeyEvent", new Dictionary<string, object>
                {
                    ["type"] = type, ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = keyCode, ["timestamp"] = stamp,
                });
            }
            delays[index] = delay;
            if (index == 5)
            {
                // A reload in the middle resumes at the next trial; nothing is asked twice.
                // Once the page has taken the answer (trial 5 no longer waiting for input), whatever screen follows.
                await page.WaitForFunctionAsync("() => document.querySelector(\".p-trial[data-trial-index='5'][data-trial-state='shown']\") === null");
                await page.ReloadAsync();
            }
        }

        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");
        await Expect(page.Locator("#p-participant-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^anon-"));
        await BrowserFixture.ScreenshotAsync(page, "participant-completed");

        await using var db = fixture.App.Database.CreateContext();
        var stored = await db.Responses.Where(r => r.Trial!.Session!.StudyId == study.Id)
            .Select(r => new { r.Trial!.Index, r.RtMs, r.Input, r.ChosenPosition, r.RefreshIntervalMs }).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(0, 10), stored.Select(r => r.Index).Order());
        Assert.All(stored, r =>
        {
            Assert.Equal(InputMode.Keyboard, r.Input);
            Assert.Equal(r.Index % 3, r.ChosenPosition);
            Assert.InRange(r.RtMs - delays[r.Index], -RtToleranceMs, RtToleranceMs);
            Assert.NotNull(r.RefreshIntervalMs);
        });
        var errors = stored.Select(r => r.RtMs - delays[r.Index]).ToList();
        var report = $"RT error vs pressed delay over {errors.Count} trials: mean {errors.Average():0.000} ms, max |error| {errors.Max(Math.Abs):0.000} ms";
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, ".test-results", "participant-rt-accuracy.txt"), report + "\n", Ct);
    }

    [Fact]
    public async Task A_mouse_session_runs_to_its_completion_code_and_records_mouse_input()
    {
        var study = await CreateStudyAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/take/{study.Id}");
        await StartAsync(page);

        for (var index = 0; index < 10; index++)
        {
            await PassInterludesAsync(page, index);
            var shown = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
            await shown.WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(250);
            if (index == 4) await BrowserFixture.ScreenshotAsync(page, "participant-trial");
            await shown.Locator($".p-choice[data-position='{index % 3}']").ClickAsync();
        }

        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");
        await using var db = fixture.App.Database.CreateContext();
        var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.StudyId == study.Id, Ct);
        var inputs = await db.Responses.Where(r => r.SessionId == session.Id).Select(r => r.Input).ToListAsync(Ct);
        Assert.Equal(SessionStatus.Completed, session.Status);
        Assert.Equal(10, inputs.Count);
        Assert.All(inputs, i => Assert.Equal(InputMode.Mouse, i));
    }

    [Fact]
    public async Task A_phone_session_is_answered_by_touch()
    {
        var study = await CreateStudyAsync();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 },
            DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/take/{study.Id}");
        await StartAsync(page);

        for (var index = 0; index < 10; index++)
        {
            await PassInterludesAsync(page, index);
            var shown = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
            await shown.WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(250);
            if (index == 3) await BrowserFixture.ScreenshotAsync(page, "participant-trial-phone");
            await shown.Locator($".p-choice[data-position='{index % 3}']").TapAsync();
        }

        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");
        await using var db = fixture.App.Database.CreateContext();
        var inputs = await db.Responses.Where(r => r.Trial!.Session!.StudyId == study.Id).Select(r => r.Input).ToListAsync(Ct);
        Assert.Equal(10, inputs.Count);
        Assert.All(inputs, i => Assert.Equal(InputMode.Touch, i));
    }

    private static async Task StartAsync(IPage page)
    {
        await page.Locator("#participant-app").WaitForAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start the practice" });
        await Expect(start).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await start.ClickAsync();
        // Until the first trial replaces it, the instructions' button would pass for an interlude's (a loaded machine
        // can take a second to get there): wait for it to go.
        await Expect(start).ToHaveCountAsync(0);
    }

    /// <summary>Clicks through the screens between trials (end of practice, end of a block) when one is up.</summary>
    private static async Task PassInterludesAsync(IPage page, int index)
    {
        var next = page.Locator($".p-trial[data-trial-index='{index}'], .p-page button.p-button.primary").First;
        await next.WaitForAsync(new() { Timeout = 30_000 });
        var interlude = page.Locator(".p-page button.p-button.primary");
        if (await interlude.CountAsync() > 0 && await interlude.First.IsVisibleAsync()) await interlude.First.ClickAsync();
    }
}

using System.Globalization;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AligNet.Browser.Tests;

/// <summary>
/// The stored onset is the paint of the three images as Chromium itself reports it: the test registers its own
/// Element Timing observer in the page (before the page's scripts run, sharing nothing with them) and compares the
/// paint time of each trial's last image with the stored onset. Where the browser reports no paints, the fallback
/// (second animation frame) is stored and named, and answer ids come from the crypto.getRandomValues fallback.
/// </summary>
public class ParticipantOnsetTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const double OnsetToleranceMs = 2;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The test's own observer: per trial (the .p-trial holding the image), the latest image renderTime.</summary>
    private const string IndependentPaintObserver = """
        window.__testPaints = {};
        new PerformanceObserver(list => {
          for (const entry of list.getEntries()) {
            const trial = entry.element && entry.element.closest('.p-trial');
            if (!trial || entry.renderTime <= 0) continue;
            const id = trial.dataset.trialId;
            const seen = window.__testPaints[id] || { time: 0, images: 0 };
            window.__testPaints[id] = { time: Math.max(seen.time, entry.renderTime), images: seen.images + 1 };
          }
        }).observe({ type: 'element', buffered: true });
        """;

    /// <summary>A browser without Element Timing and without crypto.randomUUID (as over plain http).</summary>
    private const string WithoutElementTimingOrRandomUuid = """
        Object.defineProperty(PerformanceObserver, 'supportedEntryTypes', { get: () => ['mark', 'measure', 'navigation', 'resource', 'paint'] });
        delete Crypto.prototype.randomUUID;
        """;

    private async Task<Study> CreateStudyAsync(int trials)
    {
        await using var db = fixture.App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, fixture.App.StimulusRoot, s =>
        {
            s.TrialsPerParticipant = trials; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1;
            s.FixationMs = 150; s.InterTrialIntervalMs = 100; s.ChoiceFeedbackMs = 0; s.BreakMaxSeconds = 0;
            s.MinimumValidRtMs = 200; s.ResponseTimeLimitMs = 15_000;
            s.DebriefMarkdown = AligNet.Data.Studies.StudyDefaults.Debrief; // starts with its own "## Thank you!"
        });
    }

    private async Task<IPage> RunSessionAsync(Study study, int trials, params string[] initScripts)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseAddress.ToString() });
        foreach (var script in initScripts) await context.AddInitScriptAsync(script);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/take/{study.Id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await start.ClickAsync();
        for (var index = 0; index < trials; index++)
        {
            var shown = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
            await shown.WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(250);
            await shown.Locator($".p-choice[data-position='{index % 3}']").ClickAsync();
        }
        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");
        return page;
    }

    private async Task<List<(Guid Id, Guid TrialId, double Onset, double Response, double Rt, OnsetMethod Method)>> StoredAsync(Guid studyId)
    {
        await using var db = fixture.App.Database.CreateContext();
        var rows = await db.Responses.Where(r => r.Trial!.Session!.StudyId == studyId)
            .Select(r => new { r.Id, r.TrialId, r.OnsetTimeMs, r.ResponseTimeMs, r.RtMs, r.OnsetMethod }).ToListAsync(Ct);
        return [.. rows.Select(r => (r.Id, r.TrialId, r.OnsetTimeMs, r.ResponseTimeMs, r.RtMs, r.OnsetMethod))];
    }

    [Fact]
    public async Task The_stored_onset_is_the_paint_chromium_reports_for_the_last_image()
    {
        const int trials = 10;
        var study = await CreateStudyAsync(trials);
        var page = await RunSessionAsync(study, trials, IndependentPaintObserver);

        var paints = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, PaintRecord>>(
            await page.EvaluateAsync<string>("() => JSON.stringify(window.__testPaints)"), System.Text.Json.JsonSerializerOptions.Web)!;
        var stored = await StoredAsync(study.Id);
        Assert.Equal(trials, stored.Count);
        var differences = new List<double>();
        foreach (var r in stored)
        {
            Assert.Equal(OnsetMethod.ElementTiming, r.Method);
            var paint = paints[r.TrialId.ToString()];
            Assert.Equal(3, paint.Images);
            differences.Add(r.Onset - paint.Time);
            Assert.Equal(r.Response - r.Onset, r.Rt, 6);
        }
        Assert.All(differences, d => Assert.InRange(d, -OnsetToleranceMs, OnsetToleranceMs));

        var mean = differences.Average();
        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Count - 1));
        var report = string.Create(CultureInfo.InvariantCulture,
            $"Stored onset − independently observed Element Timing paint of the last image, {differences.Count} trials (headless Chromium): mean {mean:0.000} ms, SD {sd:0.000} ms, max |difference| {differences.Max(Math.Abs):0.000} ms");
        Directory.CreateDirectory(Path.Combine(RepoPaths.Root, ".test-results"));
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Root, ".test-results", "participant-onset-accuracy.txt"), report + "\n", Ct);
    }

    [Fact]
    public async Task Without_element_timing_or_random_uuid_the_fallbacks_are_used_and_named()
    {
        const int trials = 4;
        var study = await CreateStudyAsync(trials);
        var page = await RunSessionAsync(study, trials, WithoutElementTimingOrRandomUuid);
        // The debrief's own heading is the page's title, shown once (it used to appear twice).
        await Expect(page.GetByText("Thank you!")).ToHaveCountAsync(1);
        await Expect(page.Locator(".p-page h1")).ToHaveTextAsync("Thank you!");

        var stored = await StoredAsync(study.Id);
        Assert.Equal(trials, stored.Count);
        Assert.All(stored, r =>
        {
            Assert.Equal(OnsetMethod.SecondAnimationFrame, r.Method);
            Assert.Equal(r.Response - r.Onset, r.Rt, 6);
            // RFC 9562 version 4: the version nibble is 4 and the variant bits are 10.
            var text = r.Id.ToString("D");
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
        });
        Assert.Equal(trials, stored.Select(r => r.Id).Distinct().Count());
    }

    public sealed record PaintRecord(double Time, int Images);
}

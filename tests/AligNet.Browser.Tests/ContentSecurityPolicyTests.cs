using AligNet.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AligNet.Browser.Tests;

/// <summary>
/// The Content-Security-Policy as Chromium enforces it: a whole participant session and the staff pages run with
/// no violation and no console error, the reported stored-XSS payload arrives without its script, and an inline
/// script injected into either page is refused (so the listener is known to hear violations).
/// </summary>
public class ContentSecurityPolicyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Payload = "[click me](javascript:alert(document.cookie))";

    /// <summary>Collects CSP violations (the browser's own event) and console errors from the page's first byte on.</summary>
    private static async Task<List<string>> WatchAsync(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        await page.AddInitScriptAsync("""
            window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        return problems;
    }

    private static async Task<string[]> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__csp");

    /// <summary>The control: an inline script is refused, and the refusal is heard.</summary>
    private static async Task AssertInlineScriptIsRefusedAsync(IPage page)
    {
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.__csp.length > 0");
        Assert.Contains(await ViolationsAsync(page), v => v.StartsWith("script-src"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
    }

    [Fact]
    public async Task A_participant_session_runs_to_its_code_without_a_violation_and_the_payload_link_is_dead()
    {
        Guid studyId;
        await using (var db = fixture.App.Database.CreateContext())
        {
            studyId = (await ParticipantStudy.CreateAsync(db, fixture.App.StimulusRoot, s =>
            {
                s.TrialsPerParticipant = 4; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1;
                s.FixationMs = 100; s.InterTrialIntervalMs = 50; s.ChoiceFeedbackMs = 50; s.BreakMaxSeconds = 0;
                s.MinimumValidRtMs = 100; s.ConsentMarkdown = Payload + " and **agree**";
            })).Id;
        }
        var page = await fixture.NewPageAsync();
        var problems = await WatchAsync(page);

        await page.GotoAsync($"/take/{studyId}");
        var link = page.GetByText("click me");
        await Expect(link).ToBeVisibleAsync();
        Assert.Null(await link.GetAttributeAsync("href"));
        await page.GetByRole(AriaRole.Button, new() { Name = "I agree to take part" }).ClickAsync();
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true });
        await Expect(start).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await start.ClickAsync();
        for (var index = 0; index < 4; index++)
        {
            var shown = page.Locator($".p-trial[data-trial-index='{index}'][data-trial-state='shown']");
            await shown.WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(150);
            await shown.Locator($".p-choice[data-position='{index % 3}']").ClickAsync();
        }
        await Expect(page.Locator("#p-completion-code")).ToHaveTextAsync("DONE123");

        Assert.Empty(await ViolationsAsync(page));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await AssertInlineScriptIsRefusedAsync(page);
    }

    [Fact]
    public async Task Staff_pages_and_the_editor_preview_run_without_a_violation_and_the_preview_link_is_dead()
    {
        var page = await fixture.NewPageAsync();
        var problems = await WatchAsync(page);
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString("/research/studies/new"));
        await Session.SignInAsync(page, WebApp.AdminEmail, WebApp.AdminPassword);
        await page.WaitForURLAsync("**/research/studies/new", Session.Wait);
        await Session.WaitUntilInteractiveAsync(page);

        await page.GetByLabel("Consent", new() { Exact = true }).FillAsync(Payload);
        var preview = page.GetByTestId("preview-consent");
        await Expect(preview).ToContainTextAsync("click me");
        Assert.Null(await preview.GetByText("click me").GetAttributeAsync("href"));
        Assert.DoesNotContain("javascript:", await preview.InnerHTMLAsync(), StringComparison.OrdinalIgnoreCase);
        // Violations are kept per document: read them before each navigation.
        var violations = (await ViolationsAsync(page)).Select(v => "editor: " + v).ToList();

        foreach (var path in new[] { "/research/studies", "/research/stimulus-sets", "/research/teachers", "/admin/users", "/admin/system" })
        {
            await page.GotoAsync(path);
            await Session.WaitUntilInteractiveAsync(page);
            violations.AddRange((await ViolationsAsync(page)).Select(v => path + ": " + v));
        }
        // The job dashboard is Hangfire's own page, not Blazor.
        await page.GotoAsync("/hangfire");
        await Expect(page.GetByText("Realtime graph", new() { Exact = false }).First).ToBeVisibleAsync();
        violations.AddRange((await ViolationsAsync(page)).Select(v => "/hangfire: " + v));
        await page.GotoAsync("/admin/system");
        await Session.WaitUntilInteractiveAsync(page);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await AssertInlineScriptIsRefusedAsync(page);
    }
}

using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>
/// The runs page on the real web app and worker: an admin starts a teacher pipeline, watches its epochs arrive without
/// reloading (the worker writes progress to PostgreSQL, the web process pushes it over the circuit), and cancels it.
/// </summary>
public class RunsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Progress_arrives_on_the_open_page_and_a_cancel_stops_the_run_leaving_no_version()
    {
        await using (var db = fixture.App.Database.CreateContext())
        {
            await CircleConcepts.CreateAsync(db, Directory.CreateTempSubdirectory("circle-").FullName);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/runs");
        await Assertions.Expect(page.GetByTestId("hangfire-link")).ToBeVisibleAsync();

        await Choose.OptionAsync(page, page.GetByTestId("pipeline-set"), "circle");
        await FillUntilKeptAsync(page.GetByLabel("Base model", new() { Exact = true }), "base");
        await FillUntilKeptAsync(page.GetByLabel("Base model version (empty = newest)"), "1");
        await page.GetByLabel("AligNet data").UncheckAsync();
        // Early stopping off, so the teacher trains until it is cancelled.
        await FillUntilKeptAsync(page.GetByLabel("Teacher epochs (max)"), "100000");
        await FillUntilKeptAsync(page.GetByLabel("Early-stopping patience"), "100000");
        await page.GetByTestId("start-pipeline").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pipeline-message")).ToContainTextAsync("Pipeline");

        // No reload from here on: whatever changes on the page was pushed to it.
        var progress = page.GetByTestId("run-progress").Filter(new() { HasText = "epoch" });
        await Assertions.Expect(progress).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        var first = await progress.InnerTextAsync();
        await Assertions.Expect(progress).Not.ToHaveTextAsync(first, new() { Timeout = 60_000 });
        Assert.Matches(@"epoch \d+, \d+/100,000, loss \d\.\d{4}", first);
        await BrowserFixture.ScreenshotAsync(page, "runs-progress");

        await page.GetByTestId("cancel-run").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("run-state").Filter(new() { HasText = "Cancelled" })).ToHaveCountAsync(2, new() { Timeout = 60_000 });

        await using var check = fixture.App.Database.CreateContext();
        Assert.Equal(0, await check.ModelVersions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await check.AuditLog.CountAsync(a => a.Action == "job.schedule" || a.Action == "run.cancel", TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A MudTextField commits its value on change; a re-render still in flight from the previous control (the select's
    /// popover closing) can write the old value back into the input before that. Fill until the field keeps the value.
    /// </summary>
    internal static async Task FillUntilKeptAsync(ILocator field, string value)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await field.FillAsync(value);
            await field.BlurAsync();
            await Task.Delay(300);
            if (await field.InputValueAsync() == value) return;
        }
        Assert.Fail($"The field kept no value '{value}' after five tries.");
    }
}

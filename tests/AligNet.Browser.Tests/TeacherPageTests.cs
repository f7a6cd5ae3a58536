using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public class TeacherPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_schedules_a_teacher_the_worker_trains_it_and_the_first_version_becomes_active()
    {
        await using (var db = fixture.App.Database.CreateContext())
        {
            await CircleConcepts.CreateAsync(db, Directory.CreateTempSubdirectory("circle-").FullName);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/teachers");

        await page.GetByLabel("Stimulus set and base model").ClickAsync();
        await page.GetByText("circle — base 1").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Train on a GPU worker" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("teacher-job")).ToContainTextAsync("queued");

        // The web tier only started a run; the worker trains, writes the artifact and the version row, and promotes by rule.
        var deadline = DateTime.UtcNow.AddMinutes(5);
        AligNet.Domain.Runs.Run run;
        do
        {
            await Task.Delay(2_000, TestContext.Current.CancellationToken);
            await using var db = fixture.App.Database.CreateContext();
            run = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Runs, TestContext.Current.CancellationToken);
        }
        while (!run.IsFinished && DateTime.UtcNow < deadline);
        Assert.True(run.State == AligNet.Domain.Runs.RunState.Succeeded, $"run {run.State} after {run.Attempts} attempt(s): {run.Outcome}\n{run.Progress}\n{run.LogTail}");
        await page.ReloadAsync();
        var table = await page.GetByTestId("teachers-table").InnerTextAsync();
        Assert.Contains("circle", table);
        Assert.Contains("active", table);
        await BrowserFixture.ScreenshotAsync(page, "teachers");
    }
}

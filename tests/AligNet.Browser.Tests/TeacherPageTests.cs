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

        // The web tier only enqueued; the worker trains, writes the artifact and the version row, and promotes by rule.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        string table;
        do
        {
            await Task.Delay(2_000, TestContext.Current.CancellationToken);
            await page.ReloadAsync();
            table = await page.GetByTestId("teachers-table").InnerTextAsync();
        }
        while (!table.Contains("active", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.Contains("circle", table);
        Assert.Contains("active", table);
        await BrowserFixture.ScreenshotAsync(page, "teachers");
    }
}

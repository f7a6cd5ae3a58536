using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public class AdminPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_system_page_shows_health_and_a_probe_that_the_worker_answers_with_its_device()
    {
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/admin/system");

        await Assertions.Expect(page.GetByTestId("health-table")).ToContainTextAsync("Schema current");
        await page.GetByRole(AriaRole.Button, new() { Name = "Probe the GPU worker" }).ClickAsync();

        // The web tier enqueues; the worker process picks the job from the "gpu" queue and runs TorchSharp.
        await Assertions.Expect(page.GetByTestId("probe-state")).ToContainTextAsync("matmul check ok", new() { Timeout = 90_000 });
        await BrowserFixture.ScreenshotAsync(page, "admin-system");
    }

    [Fact]
    public async Task A_researcher_changes_their_password_and_signs_in_with_the_new_one()
    {
        var admin = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/admin/users");
        await admin.GetByLabel("E-mail").FillAsync("changer@test.local");
        await admin.GetByLabel("Password (empty: generate one)").FillAsync("First-Password-123");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-created")).ToContainTextAsync("changer@test.local");

        var researcher = await Session.SignedInAsync(fixture, "changer@test.local", "First-Password-123", "/account/password");
        await researcher.GetByLabel("Current password").FillAsync("First-Password-123");
        await researcher.GetByLabel("New password (at least 12 characters)").FillAsync("Second-Password-456");
        await researcher.GetByLabel("New password again").FillAsync("Second-Password-456");
        await researcher.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(researcher.GetByTestId("password-result")).ToHaveTextAsync("Your password was changed.");

        var again = await Session.SignedInAsync(fixture, "changer@test.local", "Second-Password-456", "/research/studies");
        await Assertions.Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Studies" })).ToBeVisibleAsync();
    }
}

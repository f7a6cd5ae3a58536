using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public class StaffAccessTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly PageWaitForURLOptions Wait = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_admin_signs_in_reaches_the_accounts_page_and_the_job_dashboard()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/admin/users");
        await page.WaitForURLAsync("**/account/login**", Wait);
        await SignInAsync(page, WebApp.AdminEmail, WebApp.AdminPassword);
        await page.WaitForURLAsync("**/admin/users", Wait);
        var table = page.GetByTestId("accounts-table");
        await Assertions.Expect(table).ToContainTextAsync(WebApp.AdminEmail);
        await Assertions.Expect(table).ToContainTextAsync("Admin");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(WebApp.AdminEmail);
        await BrowserFixture.ScreenshotAsync(page, "admin-accounts");

        await page.GotoAsync("/hangfire");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("AligNet.Web jobs"));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_refused_at_admin_pages_and_at_the_job_dashboard()
    {
        var page = await fixture.NewPageAsync();

        foreach (var path in new[] { "/admin/users", "/admin/system", "/hangfire" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync("**/account/login**", Wait);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
        }
        await BrowserFixture.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_without_saying_which_part_was_wrong()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/account/login");
        await SignInAsync(page, WebApp.AdminEmail, "definitely-wrong");

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Sign-in failed: the e-mail or password is not right.");
    }

    [Fact]
    public async Task A_researcher_added_by_the_admin_can_sign_in_but_is_kept_out_of_admin_pages()
    {
        var admin = await fixture.NewPageAsync();
        await admin.GotoAsync("/account/login?returnUrl=%2Fadmin%2Fusers");
        await SignInAsync(admin, WebApp.AdminEmail, WebApp.AdminPassword);
        await admin.WaitForURLAsync("**/admin/users", Wait);
        await WaitUntilInteractiveAsync(admin);
        await admin.GetByLabel("E-mail").FillAsync("researcher@test.local");
        await admin.GetByLabel("Password (empty: generate one)").FillAsync("Researcher-Password-1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-created")).ToContainTextAsync("Added researcher@test.local as Researcher");
        await Assertions.Expect(admin.GetByTestId("accounts-table")).ToContainTextAsync("researcher@test.local");

        var researcher = await fixture.NewPageAsync();
        await researcher.GotoAsync("/account/login?returnUrl=%2Fresearch%2Fstudies");
        await SignInAsync(researcher, "researcher@test.local", "Researcher-Password-1");
        await researcher.WaitForURLAsync("**/research/studies", Wait);
        await Assertions.Expect(researcher.GetByRole(AriaRole.Heading, new() { Name = "Studies" })).ToBeVisibleAsync();

        await researcher.GotoAsync("/admin/users");
        await researcher.WaitForURLAsync("**/account/denied**", Wait);
        var dashboard = await researcher.GotoAsync("/hangfire");
        Assert.Contains("/account/denied", researcher.Url);
        Assert.NotNull(dashboard);
    }

    /// <summary>Inputs filled before the live connection takes over the prerendered page would be lost.</summary>
    private static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

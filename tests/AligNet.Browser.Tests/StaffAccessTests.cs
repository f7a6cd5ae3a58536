using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public class StaffAccessTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_signs_in_reaches_the_accounts_page_and_the_job_dashboard()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/admin/users");
        await page.WaitForURLAsync("**/account/login**", Session.Wait);
        await Session.SignInAsync(page, WebApp.AdminEmail, WebApp.AdminPassword);
        await page.WaitForURLAsync("**/admin/users", Session.Wait);
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
            await page.WaitForURLAsync("**/account/login**", Session.Wait);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff sign-in" })).ToBeVisibleAsync();
        }
        await BrowserFixture.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_without_saying_which_part_was_wrong()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/account/login");
        await Session.SignInAsync(page, WebApp.AdminEmail, "definitely-wrong");

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Sign-in failed: the e-mail or password is not right.");
    }

    [Fact]
    public async Task A_researcher_added_by_the_admin_can_sign_in_but_is_kept_out_of_admin_pages()
    {
        var admin = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/admin/users");
        await admin.GetByLabel("E-mail").FillAsync("researcher@test.local");
        await admin.GetByLabel("Password (empty: generate one)").FillAsync("Researcher-Password-1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-created")).ToContainTextAsync("Added researcher@test.local as Researcher");
        await Assertions.Expect(admin.GetByTestId("accounts-table")).ToContainTextAsync("researcher@test.local");

        var researcher = await Session.SignedInAsync(fixture, "researcher@test.local", "Researcher-Password-1", "/research/studies");
        await Assertions.Expect(researcher.GetByRole(AriaRole.Heading, new() { Name = "Studies" })).ToBeVisibleAsync();

        await researcher.GotoAsync("/admin/users");
        await researcher.WaitForURLAsync("**/account/denied**", Session.Wait);
        await researcher.GotoAsync("/hangfire");
        await researcher.WaitForURLAsync("**/account/denied**", Session.Wait);
    }
}

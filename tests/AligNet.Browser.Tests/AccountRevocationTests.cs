using AligNet.TestSupport;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>Staff access ends at once: an admin disables an account while its page is open in another browser.</summary>
public class AccountRevocationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_open_page_of_an_account_the_admin_disables_stops_working_at_once_and_the_audit_page_shows_it()
    {
        var admin = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/admin/users");
        await admin.GetByLabel("E-mail").FillAsync("revoked@test.local");
        await admin.GetByLabel("Password (empty: generate one)").FillAsync("Revoked-Password-1");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-created")).ToContainTextAsync("Added revoked@test.local");

        var researcher = await Session.SignedInAsync(fixture, "revoked@test.local", "Revoked-Password-1", "/research/studies");
        await Assertions.Expect(researcher.GetByRole(AriaRole.Heading, new() { Name = "Studies" })).ToBeVisibleAsync();

        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "revoked@test.local" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("account-action")).ToContainTextAsync("Disabled revoked@test.local");

        // No reload by the researcher: the live connection drops the account and the router sends them to sign in.
        // At once when the revocation event reaches the circuit; at the latest at the next revalidation (10 s), which a
        // loaded CI machine may delay: allow a minute.
        await researcher.WaitForURLAsync("**/account/login**", new() { Timeout = 60_000 });
        await Session.SignInAsync(researcher, "revoked@test.local", "Revoked-Password-1");
        await Assertions.Expect(researcher.GetByTestId("login-error")).ToHaveTextAsync("Sign-in failed: the e-mail or password is not right.");

        await admin.GotoAsync("/admin/audit");
        await Session.WaitUntilInteractiveAsync(admin);
        var table = admin.GetByTestId("audit-table");
        await Assertions.Expect(table).ToContainTextAsync("account.disable");
        await Assertions.Expect(table).ToContainTextAsync("account.create");
        await admin.GetByLabel("Actor (part of)").FillAsync("nobody-acted-like-this");
        await admin.GetByTestId("audit-apply").ClickAsync();
        await Assertions.Expect(table).ToContainTextAsync("No entries match.");
        await BrowserFixture.ScreenshotAsync(admin, "admin-audit");
    }
}

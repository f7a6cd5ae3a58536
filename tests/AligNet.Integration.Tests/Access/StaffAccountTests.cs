using System.Net;
using AligNet.Data.Identity;
using AligNet.Domain.Audit;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// Disabling, enabling, role changes, removal and password resets of staff accounts against the real web process:
/// a cookie issued before the change stops working on its next request, and every change is audited.
/// </summary>
public class StaffAccountTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Id, HttpClient Client)> SignedInResearcherAsync(string email, string role = Roles.Researcher)
    {
        await using (var db = App.Database.CreateContext()) await StaffUsers.CreateAsync(db, email, role);
        var client = App.CreateClient();
        var outcome = await SignIn.PostAsync(client, email, StaffUsers.Password);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.True(await WorksAsync(client));
        await using var check = App.Database.CreateContext();
        return (await check.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct), client);
    }

    /// <summary>True when the cookie still opens a staff page; false when it is sent to sign in.</summary>
    private static async Task<bool> WorksAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/research/studies", Ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<string> AdminIdAsync()
    {
        await using var db = App.Database.CreateContext();
        return await db.Users.Where(u => u.Email == WebApp.AdminEmail).Select(u => u.Id).SingleAsync(Ct);
    }

    [Fact]
    public async Task A_disabled_account_loses_its_cookie_at_once_cannot_sign_in_and_works_again_once_enabled()
    {
        var (id, client) = await SignedInResearcherAsync("disabled@test.local");
        await using var accounts = new AccountServices(App.Database.ConnectionString);

        var adminId = await AdminIdAsync();
        Assert.True((await accounts.RunAsync(a => a.DisableAsync(id, adminId, WebApp.AdminEmail))).Succeeded);

        Assert.False(await WorksAsync(client));
        using var fresh = App.CreateClient();
        var refused = await SignIn.PostAsync(fresh, "disabled@test.local", StaffUsers.Password);
        Assert.Contains("Sign-in failed: the e-mail or password is not right.", refused.Body); // the same words as a wrong password

        Assert.True((await accounts.RunAsync(a => a.EnableAsync(id, WebApp.AdminEmail))).Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(fresh, "disabled@test.local", StaffUsers.Password)).Status);
        Assert.True(await WorksAsync(fresh));
    }

    [Fact]
    public async Task A_password_reset_a_role_change_and_a_removal_each_end_the_accounts_cookie()
    {
        await using var accounts = new AccountServices(App.Database.ConnectionString);
        var adminId = await AdminIdAsync();

        var (_, reset) = await SignedInResearcherAsync("reset@test.local");
        Assert.True((await accounts.RunAsync(a => a.ResetPasswordAsync("reset@test.local", null, WebApp.AdminEmail))).Succeeded);
        Assert.False(await WorksAsync(reset));

        var (demotedId, demoted) = await SignedInResearcherAsync("demoted@test.local", Roles.Admin);
        Assert.True((await accounts.RunAsync(a => a.ChangeRoleAsync(demotedId, Roles.Researcher, adminId, WebApp.AdminEmail))).Succeeded);
        Assert.False(await WorksAsync(demoted));

        var (removedId, removed) = await SignedInResearcherAsync("removed@test.local");
        Assert.True((await accounts.RunAsync(a => a.RemoveAsync(removedId, adminId, WebApp.AdminEmail))).Succeeded);
        Assert.False(await WorksAsync(removed));
    }

    [Fact]
    public async Task Admins_cannot_lock_themselves_out_nor_remove_the_last_admin()
    {
        await using var accounts = new AccountServices(App.Database.ConnectionString);
        var adminId = await AdminIdAsync();

        Assert.Contains("your own", (await accounts.RunAsync(a => a.DisableAsync(adminId, adminId, WebApp.AdminEmail))).Error);
        Assert.Contains("your own", (await accounts.RunAsync(a => a.ChangeRoleAsync(adminId, Roles.Researcher, adminId, WebApp.AdminEmail))).Error);
        Assert.Contains("last enabled admin", (await accounts.RunAsync(a => a.RemoveAsync(adminId, "someone-else", "other@test.local"))).Error);
    }

    [Fact]
    public async Task Every_account_change_leaves_its_audit_entry()
    {
        await using var accounts = new AccountServices(App.Database.ConnectionString);
        var adminId = await AdminIdAsync();
        const string actor = "auditor@test.local";

        Assert.True((await accounts.RunAsync(a => a.CreateAsync("audited@test.local", Roles.Researcher, null, actor))).Succeeded);
        string id;
        await using (var db = App.Database.CreateContext()) id = await db.Users.Where(u => u.Email == "audited@test.local").Select(u => u.Id).SingleAsync(Ct);
        Assert.True((await accounts.RunAsync(a => a.DisableAsync(id, adminId, actor))).Succeeded);
        Assert.True((await accounts.RunAsync(a => a.EnableAsync(id, actor))).Succeeded);
        Assert.True((await accounts.RunAsync(a => a.ChangeRoleAsync(id, Roles.Admin, adminId, actor))).Succeeded);
        Assert.True((await accounts.RunAsync(a => a.ResetPasswordAsync("audited@test.local", null, actor))).Succeeded);
        Assert.True((await accounts.RunAsync(a => a.UnlockAsync(id, actor))).Succeeded);
        Assert.True((await accounts.RunAsync(a => a.RemoveAsync(id, adminId, actor))).Succeeded);

        await using var check = App.Database.CreateContext();
        var actions = await check.AuditLog.Where(e => e.Target == $"account/{id}" && e.Actor == actor).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal([AuditActions.AccountCreate, AuditActions.AccountDisable, AuditActions.AccountEnable, AuditActions.AccountRoleChange,
            AuditActions.AccountPasswordReset, AuditActions.AccountUnlock, AuditActions.AccountRemove], actions);
    }
}

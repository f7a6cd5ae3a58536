using System.Net;
using AligNet.TestSupport;
using AligNet.Data.Identity;

namespace AligNet.Integration.Tests;

public class LockoutTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Repeated_failures_lock_the_account_so_even_the_right_password_is_refused_for_a_while()
    {
        using var client = fixture.App.CreateClient();

        for (var i = 0; i < IdentitySetup.MaxFailedSignIns; i++)
        {
            await SignIn.PostAsync(client, WebApp.AdminEmail, "wrong-" + i);
        }
        var withRightPassword = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, withRightPassword.Status);
        Assert.Contains("locked", withRightPassword.Body);
    }
}

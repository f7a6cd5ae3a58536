using System.Net;
using System.Text.RegularExpressions;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

public partial class FirstAdminTests
{
    [Fact]
    public async Task Without_a_configured_password_a_one_time_password_is_printed_once_and_works()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = database.ConnectionString,
            ["Admin__Email"] = "first@test.local",
        };

        string password;
        await using (var first = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", url))
        {
            Assert.True(await first.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), first.Output);
            var printed = OneTimePassword().Match(first.Output);
            Assert.True(printed.Success, first.Output);
            password = printed.Groups[1].Value;

            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            var outcome = await SignIn.PostAsync(client, "first@test.local", password);
            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        }

        await using var second = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", url);
        Assert.True(await second.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), second.Output);
        Assert.DoesNotContain("one-time password", second.Output);
        Assert.DoesNotContain(password, second.Output);
    }

    [GeneratedRegex(@"one-time password: (\S+)")]
    private static partial Regex OneTimePassword();
}

using System.Net;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

public class FirstAdminTests
{
    [Fact]
    public async Task Without_a_configured_password_a_one_time_password_goes_to_an_owner_only_file_never_to_the_log_and_works()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var passwordFile = Path.Combine(Path.GetTempPath(), database.Name, "first-admin-password");
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = database.ConnectionString,
            ["Admin__Email"] = "first@test.local",
            ["Admin__OneTimePasswordFile"] = passwordFile,
        };

        string password;
        await using (var first = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", url))
        {
            Assert.True(await first.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), first.Output);
            Assert.Contains(passwordFile, first.Output); // the log says where
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
            password = (await File.ReadAllTextAsync(passwordFile, TestContext.Current.CancellationToken)).Trim();
            Assert.True(password.Length >= 12);
            Assert.DoesNotContain(password, first.Output); // stdout and stderr: everything a log collector sees

            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
            var outcome = await SignIn.PostAsync(client, "first@test.local", password);
            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        }

        await using var second = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", environment, "--urls", url);
        Assert.True(await second.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), second.Output);
        Assert.DoesNotContain("one-time password", second.Output);
        Assert.DoesNotContain(password, second.Output);
        Directory.Delete(Path.GetDirectoryName(passwordFile)!, recursive: true);
    }
}

using System.Net;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// With <c>DataProtection:CertificateFile</c> set, the keys behind sign-in cookies are stored in PostgreSQL only
/// encrypted; the certificate is made once, owner-only, and another instance with the same file reads the keys.
/// </summary>
public class DataProtectionAtRestTests
{
    [Fact]
    public async Task Keys_are_encrypted_in_the_database_and_a_second_instance_with_the_certificate_accepts_the_cookie()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "dp-" + Guid.NewGuid().ToString("N")[..8]);
        var certificate = Path.Combine(folder, "dataprotection.pfx");
        var settings = new Dictionary<string, string?> { ["DataProtection__CertificateFile"] = certificate };
        await using var app = await WebApp.StartAsync(settings);

        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword)).Status);

        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
        await using (var db = app.Database.CreateContext())
        {
            var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(ct);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedXmlDecryptor", xml);
                Assert.DoesNotContain("<masterKey", xml); // the plain key material is not there
            });
        }

        // A second instance (another web server of the same deployment) with the same certificate file.
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";
        await using var second = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = app.Database.ConnectionString, ["Admin__Email"] = WebApp.AdminEmail,
            ["Stimuli__Root"] = app.StimulusRoot, ["DataProtection__CertificateFile"] = certificate,
        }, "--urls", url);
        Assert.True(await second.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), second.Output);
        using var other = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/research/studies");
        request.Headers.Add("Cookie", cookies.GetCookieHeader(app.BaseAddress));
        using var response = await other.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Directory.Delete(folder, recursive: true);
    }
}

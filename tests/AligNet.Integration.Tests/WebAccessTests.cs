using System.Net;
using System.Text.Json;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests;

/// <summary>What anonymous visitors, wrong credentials and the admin get from the real web process.</summary>
public class WebAccessTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;

    [Fact]
    public async Task Health_reports_database_schema_and_job_storage_as_healthy()
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "migrations", "job-storage" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/system")]
    [InlineData("/research/studies")]
    [InlineData("/research/stimulus-sets")]
    [InlineData("/research/teachers")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        using var client = App.CreateClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{App.BaseAddress.GetLeftPart(UriPartial.Authority)}/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_answer()
    {
        using var first = App.CreateClient();
        using var second = App.CreateClient();

        var wrongPassword = await SignIn.PostAsync(first, WebApp.AdminEmail, "not-the-password");
        var unknownEmail = await SignIn.PostAsync(second, "nobody@test.local", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.Status);
        Assert.Contains("the e-mail or password is not right", wrongPassword.Body);
        Assert.Contains("the e-mail or password is not right", unknownEmail.Body);
    }

    [Fact]
    public async Task The_admin_signs_in_and_opens_admin_pages_and_the_job_dashboard()
    {
        using var client = App.CreateClient();

        var outcome = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword, "/admin/users");
        using var users = await client.GetAsync("/admin/users", TestContext.Current.CancellationToken);
        using var teachers = await client.GetAsync("/research/teachers", TestContext.Current.CancellationToken);
        using var dashboard = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.Equal(new Uri(App.BaseAddress, "/admin/users"), new Uri(App.BaseAddress, outcome.Location));
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.OK, teachers.StatusCode);
        Assert.Contains("Schedule retraining", await teachers.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("AligNet.Web jobs", await dashboard.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var client = App.CreateClient();

        var outcome = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword, "https://evil.example/phish");

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.Equal(new Uri(App.BaseAddress, "/"), new Uri(App.BaseAddress, outcome.Location));
    }

    [Fact]
    public async Task Exports_refuse_anonymous_callers_with_401_and_stream_csv_to_staff()
    {
        using var anonymous = App.CreateClient();
        using var staff = App.CreateClient();
        await SignIn.PostAsync(staff, WebApp.AdminEmail, WebApp.AdminPassword);
        var ct = TestContext.Current.CancellationToken;

        using var refused = await anonymous.GetAsync("/api/exports/responses", ct);
        using var csv = await staff.GetAsync("/api/exports/responses?format=csv", ct);
        using var bogus = await staff.GetAsync("/api/exports/responses?format=xlsx", ct);
        using var oddLastWithoutStudy = await staff.GetAsync("/api/exports/responses?format=odd-last", ct);
        using var dictionary = await staff.GetAsync("/api/exports/data-dictionary", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("study_id,study,session_id,participant,", await csv.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("use csv, parquet or odd-last", await bogus.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, oddLastWithoutStudy.StatusCode);
        Assert.Contains("| rt_ms | number |", await dictionary.Content.ReadAsStringAsync(ct));
    }
}

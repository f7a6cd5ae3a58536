using System.Net;
using System.Text.RegularExpressions;
using AligNet.Domain.Audit;
using AligNet.Jobs;
using AligNet.TestSupport;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// Commands given in Hangfire's own dashboard land in the audit log with the admin who gave them; a command the
/// dashboard refused (no antiforgery token) and the dashboard's own counter polling (POST /hangfire/stats) leave no entry. Driven over HTTP against the real web process, as
/// the dashboard's own script posts them, on jobs created in the app's real Hangfire storage.
/// </summary>
public partial class JobDashboardAuditTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleting_a_job_in_the_hangfire_dashboard_is_audited_with_the_admin_and_the_job_and_a_refused_post_is_not()
    {
        var options = HangfireSetup.StorageOptions();
        options.PrepareSchemaIfNecessary = false; // the web app made it
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(App.Database.ConnectionString, options), options);
        var kept = EnqueuedJob(storage, "kept");
        var deleted = EnqueuedJob(storage, "deleted");
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword)).Status);
        var page = await client.GetStringAsync("/hangfire/jobs/enqueued", Ct);
        var header = CsrfHeader().Match(page).Groups[1].Value;
        var token = CsrfToken().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "the dashboard page carries its antiforgery header and token");

        using var refused = await client.PostAsync("/hangfire/jobs/enqueued/delete", Form(kept), Ct);
        // The dashboard's script polls its counters with a POST every few seconds: a 200 that changes nothing.
        using var statsRequest = new HttpRequestMessage(HttpMethod.Post, "/hangfire/stats") { Content = new FormUrlEncodedContent([new("metrics[]", "enqueued:count")]) };
        statsRequest.Headers.Add(header, WebUtility.HtmlDecode(token));
        using var stats = await client.SendAsync(statsRequest, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/enqueued/delete") { Content = Form(deleted) };
        request.Headers.Add(header, WebUtility.HtmlDecode(token));
        using var accepted = await client.SendAsync(request, Ct);

        Assert.False(refused.IsSuccessStatusCode, $"a post without the token is refused (got {(int)refused.StatusCode})");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        var monitoring = storage.GetMonitoringApi();
        Assert.Equal(DeletedState.StateName, monitoring.JobDetails(deleted).History[0].StateName);
        Assert.Equal(EnqueuedState.StateName, monitoring.JobDetails(kept).History[0].StateName);
        await using var db = App.Database.CreateContext();
        var entries = await db.AuditLog.Where(e => e.Action == AuditActions.JobDashboardCommand).ToListAsync(Ct);
        var entry = Assert.Single(entries);
        Assert.Equal(WebApp.AdminEmail, entry.Actor);
        Assert.Equal("hangfire/jobs/enqueued/delete", entry.Target);
        Assert.Contains($"\"{deleted}\"", entry.Details);
        Assert.DoesNotContain($"\"{kept}\"", entry.Details);
    }

    /// <summary>
    /// A job waiting in a queue no worker serves, written through the storage connection rather than Hangfire's client:
    /// the client asks Hangfire's process-wide log provider for a logger, and another test's host, disposed by then, may
    /// have set it (CI of stop 22: ObjectDisposedException 'LoggerFactory'). This path asks for none (checked once with a
    /// provider that throws).
    /// </summary>
    private static string EnqueuedJob(JobStorage storage, string text)
    {
        using var connection = storage.GetConnection();
        var id = connection.CreateExpiredJob(Job.FromExpression(() => Console.WriteLine(text)), new Dictionary<string, string?>(), DateTime.UtcNow, TimeSpan.FromHours(1));
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetJobState(id, new EnqueuedState("audit_test"));
        transaction.AddToQueue("audit_test", id);
        transaction.PersistJob(id);
        transaction.Commit();
        return id;
    }

    private static FormUrlEncodedContent Form(string jobId) => new([new("jobs[]", jobId)]);

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]*)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]*)\"")]
    private static partial Regex CsrfToken();
}

using AligNet.Data.Audit;
using AligNet.Domain.Audit;

namespace AligNet.Web.Runs;

/// <summary>
/// Puts every change an admin makes through Hangfire's own dashboard (<c>/hangfire</c>: delete, requeue, trigger, remove)
/// in the audit log, beside the changes made through the platform's pages. Hangfire has no hook for its dashboard
/// commands, but each one is a POST under its path answered 204 No Content when it took effect (422 when it did not):
/// such a POST is recorded with the command's path and the job ids of its form, after the fact. Only 204 counts: the
/// dashboard's script also POSTs <c>/hangfire/stats</c> every few seconds for its counters (200 with JSON), which
/// changes nothing and would flood the append-only log. Refused requests (not signed in, not an admin, a bad
/// antiforgery token) never get a 204 and are not recorded.
/// </summary>
public sealed class JobDashboardAudit(RequestDelegate next, ILogger<JobDashboardAudit> logger)
{
    public const string PathPrefix = "/hangfire";

    public async Task InvokeAsync(HttpContext context, AuditTrail audit)
    {
        // Read the form first: ASP.NET Core keeps it on the request, so Hangfire's own read gets the same values.
        string[] jobs = context.Request.HasFormContentType
            ? [.. (await context.Request.ReadFormAsync(context.RequestAborted))["jobs[]"].OfType<string>()]
            : [];
        await next(context);
        if (context.Response.StatusCode != StatusCodes.Status204NoContent) return;
        var command = context.Request.Path.Value!.TrimStart('/');
        var actor = context.User.Identity?.Name ?? "admin";
        try
        {
            await audit.RecordAsync(actor, AuditActions.JobDashboardCommand, command, jobs.Length == 0 ? null : new { jobs }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException)
        {
            // The command has taken effect; answering 500 would tell the admin it had not. The log keeps what was missed.
            logger.LogError(ex, "Hangfire dashboard command {Command} by {Actor} on jobs {Jobs} took effect but could not be audited", command, actor, string.Join(",", jobs));
        }
    }

    public static bool Applies(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(PathPrefix);
}

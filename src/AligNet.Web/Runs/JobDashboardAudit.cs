using AligNet.Data.Audit;
using AligNet.Domain.Audit;

namespace AligNet.Web.Runs;

/// <summary>
/// Puts every change an admin makes through Hangfire's own dashboard (<c>/hangfire</c>: delete, requeue, trigger, remove)
/// in the audit log, beside the changes made through the platform's pages. Hangfire has no hook for its dashboard
/// commands, but each one is a POST under its path answered 204 when it took effect (422 when it did not): a POST that
/// succeeded is recorded with the command's path and the job ids of its form, after the fact. Refused requests (not
/// signed in, not an admin, a bad antiforgery token) never reach a 2xx and are not recorded.
/// </summary>
public sealed class JobDashboardAudit(RequestDelegate next)
{
    public const string PathPrefix = "/hangfire";

    public async Task InvokeAsync(HttpContext context, AuditTrail audit)
    {
        // Read the form first: ASP.NET Core keeps it on the request, so Hangfire's own read gets the same values.
        string[] jobs = context.Request.HasFormContentType
            ? [.. (await context.Request.ReadFormAsync(context.RequestAborted))["jobs[]"].OfType<string>()]
            : [];
        await next(context);
        if (context.Response.StatusCode is < 200 or >= 300) return;
        var command = context.Request.Path.Value!.TrimStart('/');
        await audit.RecordAsync(context.User.Identity?.Name ?? "admin", AuditActions.JobDashboardCommand, command,
            jobs.Length == 0 ? null : new { jobs }, CancellationToken.None);
    }

    public static bool Applies(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(PathPrefix);
}

using AligNet.Data;
using AligNet.Data.Identity;
using AligNet.Data.Startup;
using AligNet.Data.Stimuli;
using AligNet.Jobs;
using AligNet.Web.Accounts;
using AligNet.Web.Components;
using AligNet.Web.Diagnostics;
using AligNet.Web.Exports;
using AligNet.Web.Health;
using AligNet.Web.Participants;
using AligNet.Data.Participation;
using AligNet.Web.Runs;
using AligNet.Web.Security;
using AligNet.Web.Stimuli;
using Hangfire;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;

namespace AligNet.Web.Hosting;

/// <summary>The web host's registrations and pipeline, so that Program.cs reads like a table of contents.</summary>
public static class WebHosting
{
    /// <summary>Static files are served from the copy of the repository's wwwroot next to the app.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
    };

    public static void AddAligNetWeb(this WebApplicationBuilder builder)
    {
        // Package assets (MudBlazor, blazor.web.js) are found through the build's manifest in every environment,
        // not only Development, so the app runs the same from bin/ as from a publish folder.
        builder.WebHost.UseStaticWebAssets();

        var connectionString = ConnectionStringValidator.Require(builder.Configuration);
        builder.Services.AddAligNetData(builder.Configuration);
        builder.Services.AddAligNetJobStorage(connectionString);
        builder.Services.AddAligNetIdentity(builder.Configuration);
        builder.Services.AddAligNetDataProtection(builder.Configuration);
        builder.Services.AddAligNetHealthChecks();
        builder.Services.AddStorageRoots(builder.Configuration, required: false);
        builder.Services.AddStimulusImages();
        builder.Services.AddParticipantApiMetrics();

        builder.Services.AddRunProgress();
        builder.Services.AddSingleton<AligNet.Data.Participation.IAdaptiveQueueMonitor, AligNet.Web.Participants.LowQueueRefills>();
        builder.Services.AddAligNetParticipation();
        builder.Services.AddParticipantRateLimits(builder.Configuration);
        builder.Services.AddAligNetForwardedHeaders(builder.Configuration);
        builder.Services.AddSecureCookiesOverHttps();
        builder.Services.AddAbandonedSessionSweeper(builder.Configuration);
        builder.Services.AddDashboardFold(builder.Configuration);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
    }

    public static void UseAligNetPipeline(this WebApplication app)
    {
        app.UseAligNetForwardedHeaders();
        app.UseAligNetSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        // Only GET and HEAD are re-executed as the not-found page: a refused POST (e.g. a sign-out without its
        // antiforgery token) re-executed as a page post fails that page's antiforgery check and became a 500.
        app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found"));
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseParticipantApiMetrics();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseWhen(JobDashboardAudit.Applies, branch => branch.UseMiddleware<JobDashboardAudit>());
    }

    public static void MapAligNetEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapAligNetHealth();
        app.MapAccountEndpoints();
        app.MapExportEndpoints();
        app.MapParticipantEndpoints();
        app.MapStimulusImageEndpoints();
        app.MapMetricsEndpoints();
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new RoleDashboardAuthorizationFilter(Roles.Admin)],
            AppPath = "/admin/system",
            DashboardTitle = "AligNet.Web jobs",
        }).RequireAuthorization(AccountSetup.AdminPolicy);
        // Blazor would add its own "frame-ancestors 'self'" policy; SecurityHeaders already sends a stricter one.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }
}

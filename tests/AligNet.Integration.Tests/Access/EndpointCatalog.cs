using AligNet.TestSupport;
using AligNet.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// Every route the web app maps, read from its real endpoint data sources (Razor pages, minimal APIs, the Hangfire
/// dashboard, static assets) by building the app exactly as Program.cs does, without starting it; plus the files of
/// wwwroot, which the static-file middleware serves outside routing.
/// </summary>
internal static class EndpointCatalog
{
    public sealed record Route(string Pattern, string Method);

    public static async Task<IReadOnlyList<Route>> LoadAsync(string connectionString)
    {
        var web = RepoPaths.BuildOutput("AligNet.Web");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "AligNet.Web",
            ContentRootPath = web,
            WebRootPath = Path.Combine(web, "wwwroot"),
        });
        builder.Configuration["ConnectionStrings:AligNet"] = connectionString;
        builder.AddAligNetWeb();
        await using var app = builder.Build();
        app.MapAligNetEndpoints();

        var routes = new List<Route>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ["*"]) routes.Add(new Route(pattern, method));
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(web, "wwwroot"), "*", SearchOption.AllDirectories))
        {
            routes.Add(new Route("/" + Path.GetRelativePath(Path.Combine(web, "wwwroot"), file).Replace('\\', '/'), "GET"));
        }
        return [.. routes.Distinct()];
    }
}

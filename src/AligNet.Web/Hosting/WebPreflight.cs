using System.Net;
using System.Net.Sockets;
using AligNet.Data.Startup;
using AligNet.Web.Accounts;
using Hangfire;
using Microsoft.AspNetCore.Connections;

namespace AligNet.Web.Hosting;

/// <summary>
/// Everything checked before the web host serves a request. Each failure is a <see cref="StartupException"/>
/// whose message names the fix; the host prints it alone and exits.
/// </summary>
public static class WebPreflight
{
    public static async Task RunPreflightAsync(this WebApplication app)
    {
        EnsurePortsFree(app);
        await DatabaseReadiness.EnsureReadyAsync(ConnectionStringValidator.Require(app.Configuration));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await FirstAdminBootstrapper.EnsureAsync(scope.ServiceProvider);
        }
        // Resolving the storage installs or checks Hangfire's schema now rather than at the first enqueue.
        _ = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
    }

    /// <summary>Runs the app; a port taken between the check and the bind still ends with a clear message.</summary>
    public static async Task RunGuardedAsync(this WebApplication app)
    {
        try
        {
            await app.RunAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException(PortInUseMessage(ex.Message), ex);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // A setting validated at start (e.g. Participants:AbandonedSessions): its message names the fix.
            throw new StartupException(string.Join(" ", ex.Failures), ex);
        }
    }

    private static void EnsurePortsFree(WebApplication app)
    {
        var urls = app.Configuration["urls"] ?? app.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                throw new StartupException($"The listen address '{url}' is not a URL. Use e.g. --urls http://127.0.0.1:5080");
            }
            if (uri.Port == 0) continue;
            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Any;
            try
            {
                using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probe.Bind(new IPEndPoint(address, uri.Port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartupException(PortInUseMessage(url), ex);
            }
        }
    }

    private static string PortInUseMessage(string what) =>
        $"The address {what} is already in use by another program. Stop that program, or start on a free port: " +
        "--urls http://127.0.0.1:5081 (or ALIGNET_WEB_PORT=5081 deploy/run.sh).";
}

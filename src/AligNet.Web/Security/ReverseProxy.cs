using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AligNet.Web.Security;

/// <summary>
/// Configuration section <c>ReverseProxy</c>: the proxies whose X-Forwarded-For/-Proto headers are believed.
/// Loopback is always trusted (a proxy on the same host); add others by address or network, e.g.
/// <c>ReverseProxy__KnownNetworks__0=10.0.0.0/8</c>. Headers from any other sender are ignored, so nobody can
/// pick the address the rate limiter sees by sending the header themselves.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    public List<string> KnownProxies { get; set; } = [];
    public List<string> KnownNetworks { get; set; } = [];
}

public static class ReverseProxy
{
    public static IServiceCollection AddAligNetForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The participant's address (rate limits, logs) and the original scheme (HSTS, secure cookies).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxies.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(address));
            foreach (var network in proxies.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }

    /// <summary>
    /// Cookies marked Secure whenever the request is HTTPS (after forwarded headers): the sign-in cookie does so by
    /// default; the antiforgery cookie would not.
    /// </summary>
    public static IServiceCollection AddSecureCookiesOverHttps(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static IApplicationBuilder UseAligNetForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();
}

namespace AligNet.Web.Security;

/// <summary>
/// Response headers that limit what a page may do if something hostile ever reaches it (ADR-012).
/// Participant pages (<c>/take</c>) and the JSON APIs get the strict policy: scripts and styles only from this
/// origin, nothing inline. Staff pages run Blazor Server with MudBlazor, which write inline styles (style
/// attributes and the theme's &lt;style&gt; element), so their policy allows inline <em>styles</em>; scripts stay
/// 'self' only there too. Every page: no framing by another site, no MIME sniffing, no referrer sent off-site, and
/// HSTS when the request came over TLS (directly or through a trusted reverse proxy).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The participant page: no inline script or style at all.</summary>
    public const string ParticipantPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Staff pages: as participant pages except style-src 'unsafe-inline' (MudBlazor sets style attributes and
    /// injects its theme as a &lt;style&gt; element; Blazor's reconnect dialog does the same). 'self' in
    /// connect-src covers Blazor's same-origin WebSocket.
    /// </summary>
    public const string StaffPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>One year, the usual value for preload lists; sent only over TLS (browsers ignore it over http).</summary>
    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseAligNetSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = IsParticipantPath(context.Request.Path) ? ParticipantPolicy : StaffPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
        return next(context);
    });

    private static bool IsParticipantPath(PathString path) =>
        path.StartsWithSegments("/take") || path.StartsWithSegments("/api") || path.StartsWithSegments("/js/participant")
        || path.StartsWithSegments("/css/participant.css");
}

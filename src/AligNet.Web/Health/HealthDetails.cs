namespace AligNet.Web.Health;

/// <summary>
/// /health is anonymous: a failing check says only what is wrong in general terms, while the detail (which may
/// name the database host, port and user) goes to the log, where operators read it.
/// </summary>
internal static class HealthDetails
{
    public static string Logged(ILogger logger, string check, string publicText, string detail, Exception? ex = null)
    {
        logger.LogWarning(ex, "Health check {Check} failed: {Detail}", check, detail);
        return publicText + " The web log has the details.";
    }
}

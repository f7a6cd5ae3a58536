using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AligNet.Cli.Bots;

/// <summary>
/// Reads the server's own latency figures (<c>/api/metrics/participant-api</c>, staff only): signs in through the
/// login form like a browser, resets the counters before a run and reads them after.
/// </summary>
public sealed partial class ServerMetricsClient : IDisposable
{
    private const string Route = "/api/metrics/participant-api";
    private readonly HttpClient http;

    private ServerMetricsClient(HttpClient http) => this.http = http;

    public static async Task<ServerMetricsClient> SignInAsync(Uri baseAddress, string email, string password, CancellationToken ct)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync("/account/login", ct);
        var token = TokenPattern().Match(form);
        if (!token.Success) throw new InvalidOperationException("The login form carries no antiforgery token.");
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }), ct);
        var client = new ServerMetricsClient(http);
        using var probe = await http.GetAsync(Route, ct);
        if (probe.StatusCode != HttpStatusCode.OK)
        {
            client.Dispose();
            throw new ArgumentException($"Signing in as {email} did not give access to {Route} ({(int)probe.StatusCode}); check the staff e-mail and password.");
        }
        return client;
    }

    public async Task ResetAsync(CancellationToken ct) =>
        (await http.PostAsync(Route + "/reset", null, ct)).EnsureSuccessStatusCode();

    /// <summary>The server's report as JSON, passed through as it is.</summary>
    public async Task<JsonElement> ReadAsync(CancellationToken ct) =>
        JsonDocument.Parse(await http.GetStringAsync(Route, ct)).RootElement.Clone();

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

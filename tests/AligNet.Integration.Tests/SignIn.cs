using System.Net;
using System.Text.RegularExpressions;

namespace AligNet.Integration.Tests;

/// <summary>Signs in through the real login form, antiforgery token included, as a browser without JavaScript would.</summary>
internal static partial class SignIn
{
    public sealed record Outcome(HttpStatusCode Status, string? Location, string Body);

    public static async Task<Outcome> PostAsync(HttpClient client, string email, string password, string returnUrl = "")
    {
        var form = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "the login form carries an antiforgery token");
        using var response = await client.PostAsync("/account/login" + (returnUrl.Length > 0 ? "?returnUrl=" + Uri.EscapeDataString(returnUrl) : ""),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }));
        return new Outcome(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

using System.Net;
using System.Net.Http.Json;
using AligNet.Api.Contracts;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using AligNet.Web.Diagnostics;
using AligNet.Web.Security;

namespace AligNet.Integration.Tests.Security;

/// <summary>The web tier as an attacker meets it, against the real web process: stored XSS, headers, redirects, bounded metrics.</summary>
public class WebTierSecurityTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Study> CreateStudyAsync(Action<Study>? configure = null)
    {
        await using var db = App.Database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, App.StimulusRoot, configure);
    }

    [Fact]
    public async Task The_reported_javascript_link_in_consent_comes_back_from_the_session_api_without_its_script()
    {
        var study = await CreateStudyAsync(s =>
        {
            s.ConsentMarkdown = "[click me](javascript:alert(document.cookie))";
            s.InstructionsMarkdown = "[x](data:text/html,<script>alert(1)</script>) and [fine](https://example.org)";
            s.DebriefMarkdown = "![i](javascript:alert(1))";
        });
        using var http = App.CreateClient();

        var opened = await new ParticipantClient(http).StartAsync(study.Id);

        Assert.Contains(">click me</a>", opened.Study.ConsentHtml);
        Assert.DoesNotContain("javascript:", opened.Study.ConsentHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", opened.Study.InstructionsHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://example.org\" rel=\"noopener noreferrer\">fine</a>", opened.Study.InstructionsHtml);
        Assert.DoesNotContain("javascript:", opened.Study.DebriefHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_participant_page_gets_a_policy_without_inline_script_or_style_and_staff_pages_without_inline_script()
    {
        var study = await CreateStudyAsync();
        using var http = App.CreateClient();

        using var take = await http.GetAsync($"/take/{study.Id}", Ct);
        using var login = await http.GetAsync("/account/login", Ct);

        Assert.Equal(HttpStatusCode.OK, take.StatusCode);
        Assert.Equal(SecurityHeaders.ParticipantPolicy, Header(take, "Content-Security-Policy"));
        Assert.DoesNotContain("unsafe", SecurityHeaders.ParticipantPolicy);
        var staff = Header(login, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.StaffPolicy, staff);
        Assert.Contains("script-src 'self';", staff);
        foreach (var response in new[] { take, login })
        {
            Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Null(Header(response, "Strict-Transport-Security")); // plain http: HSTS would be ignored anyway
        }
        // The participant page has no inline script for the policy to forbid.
        var body = await take.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", body);
        Assert.DoesNotContain(" style=", body);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_an_https_request_gets_hsts_and_a_secure_cookie()
    {
        using var http = App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Header(response, "Strict-Transport-Security"));
        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains(".AspNetCore.Antiforgery"));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\/evil.example")]
    [InlineData("\\\\evil.example")]
    public async Task Sign_in_never_sends_the_browser_off_the_origin(string returnUrl)
    {
        using var client = App.CreateClient();

        var outcome = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        var target = new Uri(App.BaseAddress, outcome.Location);
        Assert.Equal(App.BaseAddress.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority));
        Assert.Equal("/", target.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_still_returns_to_a_local_page()
    {
        using var client = App.CreateClient();

        var outcome = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword, "/research/studies?tab=2");

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.EndsWith("/research/studies?tab=2", outcome.Location);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("https://www.mturk.com.evil.example")]
    [InlineData("https://evil.example@www.mturk.com")]
    [InlineData("http://www.mturk.com")]
    [InlineData("https://www.mturk.com:8443")]
    public async Task An_mturk_link_with_a_foreign_submit_address_is_refused(string submitTo)
    {
        var study = await CreateStudyAsync(s => s.Recruitment = RecruitmentSource.MTurk);
        using var http = App.CreateClient();

        using var response = await new ParticipantClient(http).PostStartAsync(study.Id, new { parameters = MTurk(submitTo) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("https://www.mturk.com", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("https://www.mturk.com")]
    [InlineData("https://workersandbox.mturk.com/")]
    public async Task An_mturk_link_ends_at_mturk_itself(string submitTo)
    {
        var study = await CreateStudyAsync(s => { s.Recruitment = RecruitmentSource.MTurk; s.TrialsPerParticipant = 3; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1; });
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);

        await participant.StartAsync(study.Id, MTurk(submitTo));
        await participant.ConsentAsync();
        foreach (var trial in await participant.AllTrialsAsync()) await participant.AnswerAsync(trial, 0, rt: 1500);
        var done = await participant.CompleteAsync();

        Assert.StartsWith(submitTo.TrimEnd('/') + "/mturk/externalSubmit?assignmentId=", done.Completion!.RedirectUrl);
    }

    [Fact]
    public async Task Made_up_methods_and_paths_share_one_latency_bucket()
    {
        using var staff = App.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(staff, WebApp.AdminEmail, WebApp.AdminPassword)).Status);
        (await staff.PostAsync(MetricsEndpoints.ParticipantApiRoute + "/reset", null, Ct)).EnsureSuccessStatusCode();
        using var anonymous = App.CreateClient();

        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod("M" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()), ParticipantApi.Complete(Guid.NewGuid()));
            using var _ = await anonymous.SendAsync(request, Ct);
            using var __ = await anonymous.GetAsync($"{ParticipantApi.Prefix}/made-up-{i}", Ct);
        }
        using var real = await anonymous.PostAsJsonAsync(ParticipantApi.Complete(Guid.NewGuid()), new { }, Ct);

        var report = await staff.GetFromJsonAsync<ParticipantApiLatencyReport>(MetricsEndpoints.ParticipantApiRoute, Ct);
        Assert.Equal([ParticipantApiLatency.OtherRoute, "POST /api/participate/sessions/{sessionId:guid}/complete"], report!.Routes.Select(r => r.Route).Order(StringComparer.Ordinal));
        Assert.Equal(80, report.Routes.Single(r => r.Route == ParticipantApiLatency.OtherRoute).Count);
    }

    private static Dictionary<string, string> MTurk(string submitTo) => new()
    {
        ["workerId"] = "W" + Guid.NewGuid().ToString("N")[..8], ["assignmentId"] = "A" + Guid.NewGuid().ToString("N")[..8],
        ["hitId"] = "H1", ["turkSubmitTo"] = submitTo,
    };

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}

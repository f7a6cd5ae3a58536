using System.Net;
using System.Net.Http.Json;
using AligNet.Api.Contracts;
using AligNet.TestSupport;
using AligNet.Web.Diagnostics;

namespace AligNet.Integration.Tests;

/// <summary><c>/api/metrics/participant-api</c> on the real web app: staff only, counts participant API requests, resets.</summary>
public class ParticipantApiMetricsTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private async Task<HttpClient> StaffClientAsync()
    {
        var client = fixture.App.CreateClient();
        var outcome = await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return client;
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_cannot_reset()
    {
        using var client = fixture.App.CreateClient();

        using var get = await client.GetAsync(MetricsEndpoints.ParticipantApiRoute, TestContext.Current.CancellationToken);
        using var reset = await client.PostAsync(MetricsEndpoints.ParticipantApiRoute + "/reset", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
    }

    [Fact]
    public async Task Participant_api_requests_are_counted_per_route_and_a_reset_starts_from_zero()
    {
        using var staff = await StaffClientAsync();
        using var participant = fixture.App.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        (await staff.PostAsync(MetricsEndpoints.ParticipantApiRoute + "/reset", null, ct)).EnsureSuccessStatusCode();

        for (var i = 0; i < 7; i++)
        {
            using var _ = await participant.PostAsJsonAsync(ParticipantApi.Complete(Guid.NewGuid()), new { }, ct);
        }
        using var notParticipant = await participant.GetAsync("/health", ct);
        var report = await staff.GetFromJsonAsync<ParticipantApiLatencyReport>(MetricsEndpoints.ParticipantApiRoute, ct);

        Assert.NotNull(report);
        var route = Assert.Single(report.Routes);
        Assert.Equal(7, route.Count);
        Assert.Equal(7, route.ClientErrors); // no such session (or, before the API exists, no such route)
        Assert.True(route.P50Ms > 0 && route.P50Ms <= route.P99Ms && route.P99Ms <= route.MaxMs);

        (await staff.PostAsync(MetricsEndpoints.ParticipantApiRoute + "/reset", null, ct)).EnsureSuccessStatusCode();
        var after = await staff.GetFromJsonAsync<ParticipantApiLatencyReport>(MetricsEndpoints.ParticipantApiRoute, ct);
        Assert.Empty(after!.Routes);
    }
}

using System.Net;
using AligNet.Api.Contracts;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests.Participants;

/// <summary>A web process with tight participant limits: a session that floods the API gets 429 with Retry-After.</summary>
public class ParticipantRateLimitTests : IAsyncLifetime
{
    private WebApp app = null!;

    public async ValueTask InitializeAsync() => app = await WebApp.StartAsync(new Dictionary<string, string?>
    {
        ["Participants__RateLimits__PerSessionPerSecond"] = "1",
        ["Participants__RateLimits__PerSessionBurst"] = "5",
    });

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_flooding_session_is_limited_and_told_when_to_retry()
    {
        await using (var db = app.Database.CreateContext())
        {
            var study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);
            using var http = app.CreateClient();
            var participant = new ParticipantClient(http);
            await participant.StartAsync(study.Id);

            var replies = new List<HttpResponseMessage>();
            for (var i = 0; i < 12; i++) replies.Add(await participant.SendAsync(HttpMethod.Get, ParticipantApi.Session(participant.Session!.SessionId)));

            Assert.Contains(replies, r => r.StatusCode == HttpStatusCode.OK);
            var limited = Assert.Single(replies.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).Take(1));
            Assert.True(limited.Headers.RetryAfter is not null);
            Assert.Contains("retry", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using AligNet.Api.Contracts;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants;

/// <summary>
/// Bad input to the participant API: each is refused with its own 4xx status and a sentence naming the fix, and
/// nothing is stored.
/// </summary>
public class ParticipantApiRefusalTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Study Study, ParticipantClient Participant, IReadOnlyList<TrialView> Trials, HttpClient Http)> OpenSessionAsync(Action<Study>? configure = null)
    {
        Study study;
        await using (var db = App.Database.CreateContext())
        {
            study = await ParticipantStudy.CreateAsync(db, App.StimulusRoot, configure);
        }
        var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);
        await participant.ConsentAsync();
        return (study, participant, (await participant.TrialsAsync(0, 10)).Trials, http);
    }

    private async Task<int> StoredResponsesAsync(Guid sessionId)
    {
        await using var db = App.Database.CreateContext();
        return await db.Responses.CountAsync(r => r.SessionId == sessionId, Ct);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.Contains(detailContains, detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body);
    }

    [Theory]
    [InlineData(StudyState.Draft, HttpStatusCode.Conflict, "not opened")]
    [InlineData(StudyState.Paused, HttpStatusCode.Conflict, "paused")]
    [InlineData(StudyState.Closed, HttpStatusCode.Gone, "closed")]
    public async Task Studies_that_are_not_open_take_no_one(StudyState state, HttpStatusCode status, string reason)
    {
        Study study;
        await using (var db = App.Database.CreateContext())
        {
            study = await ParticipantStudy.CreateAsync(db, App.StimulusRoot, s => s.State = state);
        }
        using var http = App.CreateClient();

        await AssertProblemAsync(await new ParticipantClient(http).PostStartAsync(study.Id, new StartSessionRequest(null, null)), status, reason);
        await AssertProblemAsync(await new ParticipantClient(http).PostStartAsync(Guid.NewGuid(), new StartSessionRequest(null, null)), HttpStatusCode.NotFound, "no study");
        await using var check = App.Database.CreateContext();
        Assert.Equal(0, await check.Sessions.CountAsync(s => s.StudyId == study.Id, Ct));
    }

    [Fact]
    public async Task Another_participants_session_is_out_of_reach()
    {
        var (_, alice, aliceTrials, http) = await OpenSessionAsync();
        var (_, bob, _, _) = await OpenSessionAsync();
        var aliceId = alice.Session!.SessionId;

        await AssertProblemAsync(await bob.SendAsync(HttpMethod.Get, ParticipantApi.Session(aliceId)), HttpStatusCode.Forbidden, "another participant");
        await AssertProblemAsync(await bob.SendAsync(HttpMethod.Get, ParticipantApi.Trials(aliceId, 0, 5)), HttpStatusCode.Forbidden, "another participant");
        await AssertProblemAsync(await bob.SubmitAsync(ParticipantClient.Answer(aliceTrials[0])), HttpStatusCode.Forbidden, "another session");
        await AssertProblemAsync(await alice.SendAsync(HttpMethod.Get, ParticipantApi.Session(aliceId), token: "forged"), HttpStatusCode.Forbidden, "another participant");
        var anonymous = new ParticipantClient(http) { Token = null };
        await AssertProblemAsync(await anonymous.SendAsync(HttpMethod.Get, ParticipantApi.Session(aliceId)), HttpStatusCode.Unauthorized, "Bearer");
        await AssertProblemAsync(await alice.SendAsync(HttpMethod.Get, ParticipantApi.Session(Guid.NewGuid())), HttpStatusCode.NotFound, "no such session");
        Assert.Equal(0, await StoredResponsesAsync(aliceId));
    }

    [Fact]
    public async Task Reused_ids_answered_trials_and_unknown_trials_are_conflicts()
    {
        var (_, participant, trials, _) = await OpenSessionAsync();
        var first = ParticipantClient.Answer(trials[0], 1);
        await ParticipantClient.ReadAsync<SubmitResponseResult>(await participant.SubmitAsync(first));

        await AssertProblemAsync(await participant.SubmitAsync(first with { ChosenPosition = 2 }), HttpStatusCode.Conflict, "different answer");
        await AssertProblemAsync(await participant.SubmitAsync(first with { TrialId = trials[1].Id }), HttpStatusCode.Conflict, "different answer");
        await AssertProblemAsync(await participant.SubmitAsync(ParticipantClient.Answer(trials[0], 0)), HttpStatusCode.Conflict, "already has a stored answer");
        await AssertProblemAsync(await participant.SubmitAsync(ParticipantClient.Answer(trials[1]) with { TrialId = Guid.NewGuid() }), HttpStatusCode.NotFound, "no trial");
        Assert.Equal(1, await StoredResponsesAsync(participant.Session!.SessionId));
    }

    [Theory]
    [InlineData(2000, 1000, "cannot be negative")]
    [InlineData(1000, 900_000, "longer than any trial")]
    [InlineData(1000, 30_000, "time limit")]
    [InlineData(1000, 1100, "minimum")]
    public async Task Impossible_reaction_times_are_refused(double onset, double response, string reason)
    {
        var (_, participant, trials, _) = await OpenSessionAsync(s => s.MinimumValidRtMs = 300);
        var answer = ParticipantClient.Answer(trials[0]) with { OnsetTimeMs = onset, ResponseTimeMs = response };

        await AssertProblemAsync(await participant.SubmitAsync(answer), HttpStatusCode.BadRequest, reason);
        Assert.Equal(0, await StoredResponsesAsync(participant.Session!.SessionId));
    }

    [Fact]
    public async Task Malformed_and_oversized_bodies_are_refused_with_a_readable_reason()
    {
        var (_, participant, trials, _) = await OpenSessionAsync();
        var url = ParticipantApi.Responses(participant.Session!.SessionId);

        await AssertProblemAsync(await SendRawAsync(participant, url, "{not json"), HttpStatusCode.BadRequest, "must be JSON");
        await AssertProblemAsync(await SendRawAsync(participant, url, "{\"id\": 5}"), HttpStatusCode.BadRequest, "must be JSON");
        await AssertProblemAsync(await participant.SubmitAsync(ParticipantClient.Answer(trials[0]) with { Input = "Telepathy" }), HttpStatusCode.BadRequest, "input must be one of");
        await AssertProblemAsync(await participant.SubmitAsync(ParticipantClient.Answer(trials[0]) with { ChosenPosition = 3 }), HttpStatusCode.BadRequest, "chosenPosition");
        await AssertProblemAsync(await participant.SubmitAsync(ParticipantClient.Answer(trials[0]) with { Id = Guid.Empty }), HttpStatusCode.BadRequest, "client-generated");
        var padding = new string(' ', ParticipantApi.MaxBodyBytes + 10);
        await AssertProblemAsync(await SendRawAsync(participant, url, "{" + padding + "}"), HttpStatusCode.RequestEntityTooLarge, "larger than");
        Assert.Equal(0, await StoredResponsesAsync(participant.Session.SessionId));
    }

    [Fact]
    public async Task Trials_need_consent_and_a_declined_consent_ends_the_session()
    {
        Study study;
        await using (var db = App.Database.CreateContext())
        {
            study = await ParticipantStudy.CreateAsync(db, App.StimulusRoot);
        }
        using var http = App.CreateClient();
        var participant = new ParticipantClient(http);
        await participant.StartAsync(study.Id);

        await AssertProblemAsync(await participant.SendAsync(HttpMethod.Get, ParticipantApi.Trials(participant.Session!.SessionId, 0, 5)), HttpStatusCode.Conflict, "consent");
        var declined = await participant.ConsentAsync(accepted: false);
        await AssertProblemAsync(await participant.SendAsync(HttpMethod.Post, ParticipantApi.Consent(participant.Session.SessionId), new ConsentRequest(true)), HttpStatusCode.Conflict, "declined");

        Assert.Equal(SessionStep.Declined, declined.Step);
        await AssertProblemAsync(await participant.SendAsync(HttpMethod.Get, ParticipantApi.Trials(participant.Session.SessionId, 0, 200)), HttpStatusCode.BadRequest, "count");
    }

    private static Task<HttpResponseMessage> SendRawAsync(ParticipantClient participant, string url, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", participant.Token);
        return participant.HttpClient.SendAsync(request);
    }
}

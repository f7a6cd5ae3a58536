using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AligNet.Api.Contracts;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AligNet.Integration.Tests.Participants;

/// <summary>
/// Faults while participants answer: the database goes away (every connection cut, new ones refused for 3 s, as in
/// a PostgreSQL restart) and the web process is killed with SIGKILL and restarted. No request may get a 500, and
/// every acknowledged answer must be stored exactly once. Clients retry as the study page does (same answer id).
/// </summary>
public class FaultTests
{
    private const int Participants = 6;
    private const int TrialsEach = 30;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_outage_during_answers_gives_503s_not_500s_and_loses_nothing()
    {
        var pgPort = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString).Port;
        await using var proxy = LoopbackTcpProxy.Start(pgPort);
        await using var app = await WebApp.StartAsync(connectionThrough: cs => new NpgsqlConnectionStringBuilder(cs) { Port = proxy.Port }.ConnectionString);
        var load = await Load.StartAsync(app);

        await load.WaitForAcknowledgedAsync(Participants * 4);
        await proxy.OutageAsync(TimeSpan.FromSeconds(3));
        await load.FinishAsync();

        await load.AssertEveryAcknowledgedAnswerStoredOnceAsync();
        Assert.True(load.Statuses.GetValueOrDefault(503) > 0, "The outage should have been answered with 503s: " + load.Describe());
        Assert.DoesNotContain("Unhandled exception", app.Process.Output);
    }

    [Fact]
    public async Task A_web_process_killed_and_restarted_mid_load_loses_no_acknowledged_answer()
    {
        await using var app = await WebApp.StartAsync();
        var load = await Load.StartAsync(app);

        await load.WaitForAcknowledgedAsync(Participants * 4);
        await app.KillAndRestartAsync();
        await load.FinishAsync();

        await load.AssertEveryAcknowledgedAnswerStoredOnceAsync();
    }

    /// <summary>Participants answering flat out through the JSON API, retrying transient failures with the same ids.</summary>
    private sealed class Load
    {
        private readonly WebApp app;
        private readonly HttpClient http;
        private readonly ConcurrentDictionary<Guid, byte> acknowledged = new();
        private Task running = Task.CompletedTask;
        private Study study = null!;

        private Load(WebApp app)
        {
            this.app = app;
            http = app.CreateClient();
            http.Timeout = TimeSpan.FromSeconds(20);
        }

        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        public static async Task<Load> StartAsync(WebApp app)
        {
            var load = new Load(app);
            await using (var db = app.Database.CreateContext())
            {
                load.study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot, s =>
                {
                    s.TrialsPerParticipant = TrialsEach; s.PracticeTrials = 0; s.CatchTrialShare = 0; s.Blocks = 1; s.ResponseTimeLimitMs = 0;
                });
            }
            load.running = Task.WhenAll(Enumerable.Range(0, Participants).Select(_ => load.ParticipantAsync()));
            return load;
        }

        public async Task WaitForAcknowledgedAsync(int count)
        {
            while (acknowledged.Count < count && !running.IsCompleted) await Task.Delay(20, Ct);
        }

        public Task FinishAsync() => running.WaitAsync(TimeSpan.FromMinutes(2), Ct);

        public string Describe() => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));

        public async Task AssertEveryAcknowledgedAnswerStoredOnceAsync()
        {
            Assert.False(Statuses.ContainsKey(500), "No request may fail with 500: " + Describe());
            Assert.Equal(Participants * TrialsEach, acknowledged.Count);
            await using var db = app.Database.CreateContext();
            var ids = acknowledged.Keys.ToList();
            var stored = await db.Responses.Where(r => r.Trial!.Session!.StudyId == study.Id).Select(r => r.Id).ToListAsync(Ct);
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Equal(ids.Order(), stored.Order());
            var completed = await db.Sessions.CountAsync(s => s.StudyId == study.Id && s.CompletedAt != null, Ct);
            Assert.Equal(Participants, completed);
        }

        private async Task ParticipantAsync()
        {
            var start = await SendAsync<SessionView>(() => http.PostAsJsonAsync(ParticipantApi.StartSession(study.Id), new StartSessionRequest(null, null), ParticipantJson.Options));
            await SendAsync<SessionView>(() => Authorized(HttpMethod.Post, ParticipantApi.Consent(start.SessionId), start.Token!, new ConsentRequest(true)));
            var trials = new List<TrialView>();
            for (var from = 0; from < TrialsEach; from += 10)
            {
                var batch = await SendAsync<TrialBatch>(() => Authorized(HttpMethod.Get, ParticipantApi.Trials(start.SessionId, from, 10), start.Token!, null));
                trials.AddRange(batch.Trials);
            }
            foreach (var trial in trials)
            {
                var answer = ParticipantClient.Answer(trial, trial.Index % 3);
                var receipt = await SendAsync<SubmitResponseResult>(() => Authorized(HttpMethod.Post, ParticipantApi.Responses(start.SessionId), start.Token!, answer));
                acknowledged[receipt.Id] = 0;
            }
            await SendAsync<SessionView>(() => Authorized(HttpMethod.Post, ParticipantApi.Complete(start.SessionId), start.Token!, new { }));
        }

        private Task<HttpResponseMessage> Authorized(HttpMethod method, string url, string token, object? body)
        {
            var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ParticipantJson.Options);
            request.Headers.Authorization = new("Bearer", token);
            return http.SendAsync(request, Ct);
        }

        /// <summary>As the study page: network errors, 503 (with Retry-After) and 429 are retried; anything else is final.</summary>
        private async Task<T> SendAsync<T>(Func<Task<HttpResponseMessage>> send)
        {
            for (var attempt = 0; ; attempt++)
            {
                Assert.True(attempt < 200, "Still failing after 200 attempts: " + Describe());
                HttpResponseMessage response;
                try { response = await send(); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !Ct.IsCancellationRequested)
                {
                    Statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                    await Task.Delay(100, Ct);
                    continue;
                }
                using (response)
                {
                    Statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<T>(ParticipantJson.Options, Ct))!;
                    if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                    {
                        Assert.NotNull(response.Headers.RetryAfter);
                        await Task.Delay(200, Ct); // shorter than Retry-After: the test wants to see the outage, not sit it out
                        continue;
                    }
                    Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }
        }
    }
}

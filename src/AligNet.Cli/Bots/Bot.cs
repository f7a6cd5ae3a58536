using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AligNet.Api.Contracts;
using AligNet.Domain.Simulation;

namespace AligNet.Cli.Bots;

/// <summary>
/// One simulated participant, using exactly the participant JSON API a browser uses: start (with Prolific-style
/// parameters), consent, trials fetched ten at a time, one answer per trial after a think time, complete.
/// Async throughout: a waiting bot is a timer, not a thread, so thousands run on two cores.
/// </summary>
public sealed class Bot(int number, BotSettings settings, HttpClient http, StimulusCategories categories, CategoryOracle oracle, ClientStats stats)
{
    private readonly Random random = new(settings.Seed * 100_003 + number);
    private readonly Stopwatch page = Stopwatch.StartNew(); // the bot's performance.now()
    private int sessionsStarted;

    /// <summary>Runs sessions until <paramref name="stop"/> (the run's duration is over), or one session without a duration.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        do
        {
            try
            {
                await RunSessionAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (BotRefusedException ex)
            {
                stats.RecordError($"refused: {ex.Status} {ex.Kind}");
                stats.RecordSessionFailed();
                if (!stop.IsCancellationRequested) await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException)
            {
                // Retries exhausted: the participant gives up on this session.
                stats.RecordError("gave up after retries");
                stats.RecordSessionFailed();
            }
        }
        while (settings.DurationSeconds is not null && !stop.IsCancellationRequested);
    }

    private async Task RunSessionAsync(CancellationToken stop)
    {
        var n = Interlocked.Increment(ref sessionsStarted);
        var pid = $"bot-{number:x4}-{n:x3}-{random.Next():x8}";
        var parameters = new Dictionary<string, string> { ["PROLIFIC_PID"] = pid, ["STUDY_ID"] = settings.StudyId.ToString("N"), ["SESSION_ID"] = Guid.NewGuid().ToString("N") };
        var view = await SendAsync<SessionView>("start", HttpMethod.Post, ParticipantApi.StartSession(settings.StudyId), null, new StartSessionRequest(parameters, null), stop);
        var token = view.Token ?? throw new BotRefusedException(0, "start", "the server returned no session token");
        stats.RecordSessionStarted(view.SessionId);
        if (view.Step == SessionStep.Consent)
        {
            view = await SendAsync<SessionView>("consent", HttpMethod.Post, ParticipantApi.Consent(view.SessionId), token, new ConsentRequest(true), stop);
        }

        var study = view.Study;
        var next = view.NextTrialIndex;
        var ended = view.Step is SessionStep.Completed or SessionStep.Declined;
        Task<TrialBatch>? prefetch = null;
        var queue = new Queue<TrialView>();
        while (!ended && next < view.TotalTrials)
        {
            if (queue.Count == 0)
            {
                var batch = await (prefetch ?? FetchAsync(view.SessionId, token, next, stop));
                prefetch = null;
                if (batch.Trials.Count == 0) break;
                foreach (var t in batch.Trials) queue.Enqueue(t);
            }
            var trial = queue.Dequeue();
            // Rolling: ask for the next ten while the last few of this batch are answered, as the page does.
            if (queue.Count == 3 && trial.Index + 4 < view.TotalTrials) prefetch = FetchAsync(view.SessionId, token, trial.Index + 4, stop);

            var answer = oracle.Answer([.. trial.ImageUrls.Select(categories.Of)], random);
            var rt = Math.Clamp(answer.RtMs, study.MinimumValidRtMs + 1, study.ResponseTimeLimitMs > 0 ? study.ResponseTimeLimitMs - 1 : double.MaxValue);
            var think = settings.ThinkMs * rt / CategoryOracle.EasyMeanMs * (1 + settings.ThinkJitter * (2 * random.NextDouble() - 1));
            stats.RecordThink(Math.Max(0, think));
            if (think >= 1) await Task.Delay(TimeSpan.FromMilliseconds(think), stop);
            stop.ThrowIfCancellationRequested();

            var onset = page.Elapsed.TotalMilliseconds;
            var request = new SubmitResponseRequest(Guid.NewGuid(), trial.Id, answer.Position, "Keyboard", onset, onset + rt, 16.7, false, 0);
            var ack = await SendAsync<SubmitResponseResult>("response", HttpMethod.Post, ParticipantApi.Responses(view.SessionId), token, request, CancellationToken.None);
            stats.RecordAcknowledged(ack.Id, ack.Duplicate);
            next = trial.Index + 1;
            ended = ack.SessionEnded;
        }
        if (prefetch is not null) await prefetch.ContinueWith(_ => { }, TaskScheduler.Default);

        var final = await SendAsync<SessionView>("complete", HttpMethod.Post, ParticipantApi.Complete(view.SessionId), token, null, CancellationToken.None);
        stats.RecordSessionEnded(early: ended && final.Completion?.Outcome != "Completed");
    }

    private Task<TrialBatch> FetchAsync(Guid sessionId, string token, int from, CancellationToken stop) =>
        SendAsync<TrialBatch>("trials", HttpMethod.Get, ParticipantApi.Trials(sessionId, from, settings.TrialBatch), token, null, stop);

    /// <summary>
    /// Reads (start, consent, trials) stop with the run; an answer is sent to the end (<see cref="CancellationToken.None"/>),
    /// so that each one is either acknowledged or known unsent and the database check can be exact.
    /// </summary>
    private async Task<T> SendAsync<T>(string kind, HttpMethod method, string path, string? token, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Options.Set(BotHttp.Kind, kind);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ParticipantJson.Options));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BotRefusedException((int)response.StatusCode, kind, await response.Content.ReadAsStringAsync());
        }
        return (await response.Content.ReadFromJsonAsync<T>(ParticipantJson.Options))
            ?? throw new BotRefusedException((int)response.StatusCode, kind, "empty body");
    }
}

/// <summary>A final (non-retryable) refusal, e.g. 409 or 400: the bot abandons its session.</summary>
public sealed class BotRefusedException(int status, string kind, string body) : Exception($"{kind}: {status} {body}")
{
    public int Status { get; } = status;
    public string Kind { get; } = kind;
}

using System.Net;
using System.Net.Http.Json;
using AligNet.Api.Contracts;

namespace AligNet.TestSupport;

/// <summary>A participant's side of the JSON API for tests: the same routes and messages the browser and the bots use.</summary>
public sealed class ParticipantClient(HttpClient http)
{
    public HttpClient HttpClient => http;
    public SessionView? Session { get; private set; }
    public string? Token { get; set; }

    public async Task<SessionView> StartAsync(Guid studyId, IReadOnlyDictionary<string, string>? parameters = null, string? token = null)
    {
        using var response = await http.PostAsJsonAsync(ParticipantApi.StartSession(studyId), new StartSessionRequest(parameters, token), ParticipantJson.Options);
        Session = await ReadAsync<SessionView>(response);
        Token = Session.Token;
        return Session;
    }

    public Task<HttpResponseMessage> PostStartAsync(Guid studyId, object body) =>
        http.PostAsJsonAsync(ParticipantApi.StartSession(studyId), body, ParticipantJson.Options);

    public async Task<SessionView> ConsentAsync(bool accepted = true) =>
        Session = await ReadAsync<SessionView>(await SendAsync(HttpMethod.Post, ParticipantApi.Consent(Id), new ConsentRequest(accepted)));

    public async Task<TrialBatch> TrialsAsync(int from, int count) =>
        await ReadAsync<TrialBatch>(await SendAsync(HttpMethod.Get, ParticipantApi.Trials(Id, from, count)));

    public async Task<List<TrialView>> AllTrialsAsync()
    {
        var all = new List<TrialView>();
        for (var from = 0; ; from += 10)
        {
            var batch = await TrialsAsync(from, 10);
            all.AddRange(batch.Trials);
            if (from + 10 >= batch.TotalTrials) return all;
        }
    }

    public Task<HttpResponseMessage> SubmitAsync(SubmitResponseRequest response) => SendAsync(HttpMethod.Post, ParticipantApi.Responses(Id), response);

    public async Task<SubmitResponseResult> AnswerAsync(TrialView trial, int? position = 0, double rt = 1500)
    {
        var input = position is null ? "Timeout" : "Keyboard";
        return await ReadAsync<SubmitResponseResult>(await SubmitAsync(Answer(trial, position, rt, input)));
    }

    public static SubmitResponseRequest Answer(TrialView trial, int? position = 0, double rt = 1500, string input = "Keyboard") =>
        new(Guid.NewGuid(), trial.Id, position, input, 10_000 + trial.Index * 5_000, 10_000 + trial.Index * 5_000 + rt, 16.7, false, 0);

    public async Task<SessionView> CompleteAsync() => Session = await ReadAsync<SessionView>(await SendAsync(HttpMethod.Post, ParticipantApi.Complete(Id), new { }));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: ParticipantJson.Options);
        var secret = token ?? Token;
        if (secret is not null) request.Headers.Authorization = new("Bearer", secret);
        return http.SendAsync(request);
    }

    private Guid Id => Session?.SessionId ?? throw new InvalidOperationException("Start a session first.");

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        using (response)
        {
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", null, response.StatusCode);
            }
            return (await response.Content.ReadFromJsonAsync<T>(ParticipantJson.Options))!;
        }
    }
}

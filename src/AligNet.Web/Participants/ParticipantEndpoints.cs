using AligNet.Api.Contracts;
using AligNet.Data;
using AligNet.Data.Participation;
using Npgsql;
using Microsoft.AspNetCore.Mvc;

namespace AligNet.Web.Participants;

/// <summary>
/// The participant JSON API (<see cref="ParticipantApi"/>): anonymous, authenticated per session by the secret the
/// browser received when the session opened. Handlers are thin: the services in AligNet.Data.Participation decide.
/// </summary>
public static class ParticipantEndpoints
{
    public static void MapParticipantEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ParticipantApi.Prefix).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(TranslateRefusals);

        api.MapPost("/studies/{studyId:guid}/sessions", async (Guid studyId, HttpRequest request, SessionStarter starter, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<StartSessionRequest>(request, """{"parameters": {"PROLIFIC_PID": "…"}, "token": null}""", ct);
            var progress = await starter.StartAsync(studyId, body.Parameters, body.Token, request.Headers.UserAgent.ToString(), ct);
            return Results.Ok(ParticipantViews.Session(progress));
        });

        api.MapGet("/sessions/{sessionId:guid}", async (Guid sessionId, HttpRequest request, SessionReader reader, CancellationToken ct) =>
            Results.Ok(ParticipantViews.Session(await reader.GetAsync(sessionId, BearerToken(request), ct))));

        api.MapPost("/sessions/{sessionId:guid}/consent", async (Guid sessionId, HttpRequest request, SessionReader reader, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<ConsentRequest>(request, """{"accepted": true}""", ct);
            return Results.Ok(ParticipantViews.Session(await reader.ConsentAsync(sessionId, BearerToken(request), body.Accepted, ct)));
        });

        api.MapGet("/sessions/{sessionId:guid}/trials", async (Guid sessionId, HttpRequest request, SessionReader reader,
            [FromQuery] int? from, [FromQuery] int? count, CancellationToken ct) =>
        {
            var first = from ?? 0;
            var size = count ?? 10;
            if (first < 0 || size is < 1 or > ParticipantApi.MaxTrialBatch)
            {
                return ParticipantProblems.Problem(400, $"Ask for trials with from ≥ 0 and 1 ≤ count ≤ {ParticipantApi.MaxTrialBatch}.");
            }
            var page = await reader.TrialsAsync(sessionId, BearerToken(request), first, size, ct);
            return Results.Ok(new TrialBatch([.. page.Trials.Select(ParticipantViews.Trial)], page.TotalTrials));
        });

        api.MapPost("/sessions/{sessionId:guid}/responses", async (Guid sessionId, HttpRequest request, ResponseRecorder recorder, RejectedResponseLog rejected, CancellationToken ct) =>
        {
            SubmitResponseRequest? body = null;
            try
            {
                body = await JsonBody.ReadAsync<SubmitResponseRequest>(request,
                    """{"id": "<uuid>", "trialId": "<uuid>", "chosenPosition": 0, "input": "Keyboard", "onsetTimeMs": 1000.0, "responseTimeMs": 2500.0, "refreshIntervalMs": 16.7, "focusLost": false, "fullscreenExits": 0, "onsetMethod": "ElementTiming"}""", ct);
                var submission = ResponseSubmission.Parse(body.Id, body.TrialId, body.ChosenPosition, body.Input,
                    body.OnsetTimeMs, body.ResponseTimeMs, body.RefreshIntervalMs, body.FocusLost, body.FullscreenExits, body.OnsetMethod);
                var receipt = await recorder.RecordAsync(sessionId, BearerToken(request), submission, ct);
                var result = new SubmitResponseResult(receipt.Id, receipt.Duplicate, receipt.Answered, receipt.TotalTrials, receipt.SessionEnded);
                return receipt.Duplicate ? Results.Ok(result) : Results.Created((string?)null, result);
            }
            catch (ParticipationException e)
            {
                // Refused for good: the browser drops it from its outbox, so the server keeps it with the reason.
                var payload = body is null ? null : System.Text.Json.JsonSerializer.Serialize(body, ParticipantJson.Options);
                await rejected.RecordAsync(sessionId, body?.Id, body?.TrialId, ParticipantProblems.StatusOf(e.Error), e.Message, payload, CancellationToken.None);
                throw;
            }
        });

        api.MapPost("/sessions/{sessionId:guid}/complete", async (Guid sessionId, HttpRequest request, SessionCompleter completer, CancellationToken ct) =>
            Results.Ok(ParticipantViews.Session(await completer.CompleteAsync(sessionId, BearerToken(request), ct))));

        api.MapPost("/sessions/{sessionId:guid}/screen-out", async (Guid sessionId, HttpRequest request, SessionCompleter completer, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<ScreenOutRequest>(request, """{"reason": "no keyboard"}""", ct);
            var reason = string.IsNullOrWhiteSpace(body.Reason) ? "unspecified" : body.Reason.Trim()[..Math.Min(body.Reason.Trim().Length, 200)];
            return Results.Ok(ParticipantViews.Session(await completer.ScreenOutAsync(sessionId, BearerToken(request), reason, ct)));
        });
    }

    /// <summary>The session secret from <c>Authorization: Bearer …</c>.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static async ValueTask<object?> TranslateRefusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ParticipationException e)
        {
            return ParticipantProblems.From(e);
        }
        catch (JsonBody.TooLargeException e)
        {
            return ParticipantProblems.Problem(StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (Exception e) when (TransientDatabaseErrors.Is(e) && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The database is restarting or a pooled connection went stale: every participant request is safe to
            // repeat (answers carry their id), so the client is told to come back rather than shown a 500.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ParticipantEndpoints))
                .LogWarning("Participant request {Path} answered 503: database unavailable ({Error})", context.HttpContext.Request.Path, e.Message);
            if (e is NpgsqlException) NpgsqlConnection.ClearAllPools();
            context.HttpContext.Response.Headers.RetryAfter = ParticipantProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ParticipantProblems.Unavailable();
        }
    }
}

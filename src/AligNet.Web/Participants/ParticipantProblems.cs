using AligNet.Data.Participation;

namespace AligNet.Web.Participants;

/// <summary>
/// Every refusal of the participant API is a problem-details JSON with a status and a sentence naming the fix
/// (RFC 9457), never a stack trace; the trial page shows the sentence to the participant.
/// </summary>
public static class ParticipantProblems
{
    public static IResult From(ParticipationException e) => Problem(StatusOf(e.Error), e.Message);

    /// <summary>How long a client waits before repeating a request the database could not serve.</summary>
    public const int RetryAfterSeconds = 2;

    public static IResult Unavailable() => Problem(StatusCodes.Status503ServiceUnavailable,
        $"The study's database is briefly unavailable. Nothing was lost: repeat the request after {RetryAfterSeconds} s (the study page does this by itself).");

    public static IResult Problem(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: TitleOf(status));

    public static int StatusOf(ParticipationError error) => error switch
    {
        ParticipationError.Invalid => StatusCodes.Status400BadRequest,
        ParticipationError.Unauthorized => StatusCodes.Status401Unauthorized,
        ParticipationError.Forbidden => StatusCodes.Status403Forbidden,
        ParticipationError.NotFound => StatusCodes.Status404NotFound,
        ParticipationError.Conflict => StatusCodes.Status409Conflict,
        ParticipationError.Gone => StatusCodes.Status410Gone,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid",
        401 => "The session's secret is missing",
        403 => "Not your session",
        404 => "Not found",
        409 => "Conflicts with what is stored",
        410 => "The study is closed",
        413 => "The request is too large",
        429 => "Too many requests",
        503 => "Briefly unavailable",
        _ => "The request was refused",
    };
}

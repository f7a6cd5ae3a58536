namespace AligNet.Api.Contracts;

/// <summary>
/// Routes of the participant API. Trials and responses travel through this small JSON API, not through a Blazor
/// circuit, so answers survive reconnects and any web instance can serve any request (no sticky sessions).
/// Every route except <see cref="StartSession"/> needs the session's secret in <c>Authorization: Bearer …</c>.
/// </summary>
public static class ParticipantApi
{
    public const string Prefix = "/api/participate";
    public static string StartSession(Guid studyId) => $"{Prefix}/studies/{studyId}/sessions";
    public static string Session(Guid sessionId) => $"{Prefix}/sessions/{sessionId}";
    public static string Consent(Guid sessionId) => $"{Session(sessionId)}/consent";
    public static string Trials(Guid sessionId, int from, int count) => $"{Session(sessionId)}/trials?from={from}&count={count}";
    public static string Responses(Guid sessionId) => $"{Session(sessionId)}/responses";
    public static string Complete(Guid sessionId) => $"{Session(sessionId)}/complete";
    public static string ScreenOut(Guid sessionId) => $"{Session(sessionId)}/screen-out";

    /// <summary>The page a participant opens; the recruitment platform's parameters ride along in the query string.</summary>
    public static string EntryPage(Guid studyId) => $"/take/{studyId}";

    /// <summary>Most trials one request may fetch: the client prefetches a few at a time.</summary>
    public const int MaxTrialBatch = 50;

    /// <summary>Largest accepted request body; a response is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 8 * 1024;

    /// <summary>Input names accepted in <see cref="SubmitResponseRequest.Input"/>.</summary>
    public static readonly string[] Inputs = ["Keyboard", "Mouse", "Touch", "Timeout"];
}

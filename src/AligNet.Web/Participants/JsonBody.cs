using System.Text.Json;
using AligNet.Api.Contracts;
using AligNet.Data.Participation;

namespace AligNet.Web.Participants;

/// <summary>
/// Reads a participant request's JSON body with a size cap and readable errors: malformed JSON, a wrong type or an
/// oversized body is refused with a sentence naming the fix instead of the framework's empty 400.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example, CancellationToken ct)
    {
        if (request.ContentLength > ParticipantApi.MaxBodyBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ParticipantApi.MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ParticipantJson.Options)
                ?? throw new JsonException("null body");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" (at {path})" : "";
            throw new ParticipationException(ParticipationError.Invalid, $"The body must be JSON like {example}{where}.");
        }
    }

    /// <summary>Raised for a body over <see cref="ParticipantApi.MaxBodyBytes"/>; mapped to 413.</summary>
    public sealed class TooLargeException() : Exception($"The body is larger than {ParticipantApi.MaxBodyBytes} bytes; a response is a few hundred.");

    private static TooLargeException TooLarge() => new();
}

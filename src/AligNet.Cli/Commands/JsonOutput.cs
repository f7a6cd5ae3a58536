using System.Text.Json;
using System.Text.Json.Serialization;

namespace AligNet.Cli.Commands;

/// <summary>One JSON object on stdout, snake_case keys, nulls written (a null says "not defined for this input").</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static void Write<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Options));
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AligNet.Api.Contracts;

/// <summary>The participant API's JSON: web defaults (camelCase), enums as strings — the same for server, browser and bots.</summary>
public static class ParticipantJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}

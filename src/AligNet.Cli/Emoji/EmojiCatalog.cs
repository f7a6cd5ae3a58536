using System.Text.Json;

namespace AligNet.Cli.Emoji;

/// <summary>One emoji concept: its code points (emojibase hexcode, e.g. <c>1F415</c>), its English label, and its place in the hierarchy.</summary>
public sealed record EmojiConcept(string Hexcode, string Label, string Group, string Subgroup)
{
    /// <summary>The stimulus category path: group/subgroup (e.g. <c>animals-nature/animal-mammal</c>).</summary>
    public string CategoryPath => $"{Group}/{Subgroup}";
}

/// <summary>
/// The group → subgroup → emoji hierarchy of the npm package <c>emojibase-data</c> (<c>en/data.json</c> and
/// <c>meta/groups.json</c>), object groups only: animals &amp; nature, food &amp; drink, travel &amp; places, activities and
/// objects. People, smileys, symbols and flags are left out (faces and signs, not objects). Skin-tone variants live in
/// each entry's <c>skins</c> list and are not read, so only the default (yellow / unspecified) form is kept.
/// </summary>
public static class EmojiCatalog
{
    public static readonly IReadOnlyList<string> ObjectGroups = ["animals-nature", "food-drink", "travel-places", "activities", "objects"];

    public static IReadOnlyList<EmojiConcept> Read(string emojibaseFolder)
    {
        var data = Path.Combine(emojibaseFolder, "en", "data.json");
        var meta = Path.Combine(emojibaseFolder, "meta", "groups.json");
        if (!File.Exists(data) || !File.Exists(meta))
        {
            throw new ArgumentException($"{emojibaseFolder} is not the emojibase-data package (no en/data.json and meta/groups.json): install it with 'npm install emojibase-data@17'.");
        }
        // meta/groups.json maps the numbers in data.json to keys ({"3": "animals-nature"}); messages.json is no use
        // here, as two of its subgroups share an order number.
        using var metaDoc = JsonDocument.Parse(File.ReadAllText(meta));
        var groups = KeysByNumber(metaDoc.RootElement.GetProperty("groups"));
        var subgroups = KeysByNumber(metaDoc.RootElement.GetProperty("subgroups"));

        using var dataDoc = JsonDocument.Parse(File.ReadAllText(data));
        var concepts = new List<EmojiConcept>();
        foreach (var entry in dataDoc.RootElement.EnumerateArray())
        {
            if (!entry.TryGetProperty("group", out var g) || !entry.TryGetProperty("subgroup", out var s)) continue; // regional indicators etc.
            if (entry.TryGetProperty("tone", out _)) continue; // a skin-tone variant listed on its own
            if (!groups.TryGetValue(g.GetInt32(), out var group) || !ObjectGroups.Contains(group)) continue;
            concepts.Add(new EmojiConcept(entry.GetProperty("hexcode").GetString()!, entry.GetProperty("label").GetString()!,
                group, subgroups.GetValueOrDefault(s.GetInt32(), $"subgroup-{s.GetInt32()}")));
        }
        return concepts;
    }

    private static Dictionary<int, string> KeysByNumber(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString()!);
}

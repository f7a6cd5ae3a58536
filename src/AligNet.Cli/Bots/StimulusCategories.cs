using AligNet.Data;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Cli.Bots;

/// <summary>
/// The category path of every stimulus of a study, loaded once per run. A trial shows only image URLs
/// (<c>/api/stimuli/{id}/image…</c>), so the bots read the stimulus id from the URL and look it up here.
/// </summary>
public sealed class StimulusCategories(IReadOnlyDictionary<Guid, string[]> paths)
{
    public static readonly StimulusCategories None = new(new Dictionary<Guid, string[]>());

    public int Count => paths.Count;

    public static async Task<StimulusCategories> LoadAsync(string connectionString, Guid studyId, CancellationToken ct)
    {
        await using var db = AligNetDbContext.Create(connectionString);
        var setId = await db.Studies.Where(s => s.Id == studyId).Select(s => (Guid?)s.StimulusSetId).FirstOrDefaultAsync(ct)
            ?? throw new ArgumentException($"No study with id {studyId} in the database.");
        var rows = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId).Select(s => new { s.Id, s.CategoryPath }).ToListAsync(ct);
        return new StimulusCategories(rows.ToDictionary(r => r.Id, r => r.CategoryPath));
    }

    /// <summary>The categories of the stimulus an image URL shows; none when the id is unknown (the oracle then guesses).</summary>
    public IReadOnlyList<string> Of(string imageUrl) =>
        StimulusIdOf(imageUrl) is { } id && paths.TryGetValue(id, out var path) ? path : [];

    public static Guid? StimulusIdOf(string imageUrl)
    {
        // "/api/stimuli/{id}/image?w=…", possibly absolute.
        var path = Uri.TryCreate(imageUrl, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : imageUrl.Split('?', 2)[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "stimuli");
        return at >= 0 && at + 1 < segments.Length && Guid.TryParse(segments[at + 1], out var id) ? id : null;
    }
}

using AligNet.Data.Imports;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Seeding;

/// <summary>
/// Seeds the demo stimulus set (real photographs, through the regular importer) and an open demo study on it.
/// Idempotent: a second run finds the set by name and does nothing.
/// </summary>
public sealed class DemoSeeder(AligNetDbContext db, string storeRoot)
{
    public const string SetName = "Demo: everyday objects (Tux Paint photographs)";
    public const string StudyName = "Demo odd-one-out study";

    public sealed record Result(bool Created, int Stimuli, string Message);

    public async Task<Result> SeedAsync(string sourceRoot, CancellationToken ct = default)
    {
        var existing = await db.StimulusSets.Where(s => s.Name == SetName).Select(s => new { s.Id, Count = s.Stimuli.Count }).FirstOrDefaultAsync(ct);
        if (existing is not null) return new Result(false, existing.Count, $"Demo data already present ({existing.Count} stimuli).");

        var items = DemoStimulusSource.Find(sourceRoot);
        if (items.Count < 3)
        {
            return new Result(false, 0, $"No demo photographs under {sourceRoot}. Install them: apt-get install {DemoStimulusSource.DebianPackage}");
        }

        // The package holds a few identical photographs under two names: keep the first, as a curated manifest would.
        using var source = StimulusSource.Open(sourceRoot);
        var rows = items.Select((item, i) => new ManifestReader.Row(i + 2, Path.GetRelativePath(sourceRoot, item.File), item.Label, item.CategoryPath)).ToList();
        var unique = rows.DistinctBy(r => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(source.Read(r.File)!))).ToList();

        var description = $"{unique.Count} cut-out photographs from Debian's {DemoStimulusSource.DebianPackage}, with their folder hierarchy as categories.";
        var imported = await new StimulusSetImporter(db, storeRoot).ImportAsync(SetName, description, source, unique, [], ct);
        db.Studies.Add(new Study
        {
            Id = Guid.NewGuid(), Name = StudyName, StimulusSetId = imported.SetId, State = StudyState.Open,
            Recruitment = RecruitmentSource.DirectLink, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "seed",
            Description = "Which of three photographs does not belong? Seeded at first start for demos and bots.",
        });
        await db.SaveChangesAsync(ct);
        return new Result(true, imported.Stimuli, $"Seeded {imported.Stimuli} demo stimuli and an open demo study.");
    }
}

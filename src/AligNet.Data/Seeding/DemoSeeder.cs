using System.Security.Cryptography;
using AligNet.Data.Stimuli;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Seeding;

/// <summary>
/// Seeds the demo stimulus set (real photographs) and an open demo study on it. Idempotent: a second run finds
/// the set by name and does nothing. Files are copied into the store first, then one transaction writes the
/// rows, so an interrupted run leaves at most unreferenced files, never half a set.
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

        var set = new StimulusSet
        {
            Id = Guid.NewGuid(), Name = SetName, CreatedAt = DateTimeOffset.UtcNow,
            Description = $"{items.Count} cut-out photographs from Debian's {DemoStimulusSource.DebianPackage}, with their folder hierarchy as categories.",
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var bytes = await File.ReadAllBytesAsync(item.File, ct);
            var probe = ImageProbe.ProbePng(bytes);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (probe is null || !seen.Add(sha)) continue; // not a readable PNG, or the same photograph twice
            var relative = Path.Combine("sets", set.Id.ToString("N"), sha + ".png");
            var target = Path.Combine(storeRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, bytes, ct);
            set.Stimuli.Add(new Stimulus
            {
                Id = Guid.NewGuid(), StimulusSetId = set.Id, Index = set.Stimuli.Count, Label = item.Label,
                CategoryPath = item.CategoryPath, ImagePath = relative, ContentType = probe.Value.ContentType,
                Sha256 = sha, Width = probe.Value.Width, Height = probe.Value.Height,
            });
        }

        db.StimulusSets.Add(set);
        db.Studies.Add(new Study
        {
            Id = Guid.NewGuid(), Name = StudyName, StimulusSetId = set.Id, State = StudyState.Open,
            Recruitment = RecruitmentSource.DirectLink, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "seed",
            Description = "Which of three photographs does not belong? Seeded at first start for demos and bots.",
        });
        await db.SaveChangesAsync(ct); // one transaction for the set, its stimuli and the study
        return new Result(true, set.Stimuli.Count, $"Seeded {set.Stimuli.Count} demo stimuli and an open demo study.");
    }
}

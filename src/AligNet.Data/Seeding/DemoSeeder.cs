using AligNet.Data.Imports;
using AligNet.Data.Studies;
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
        db.Studies.Add(DemoStudy(imported.SetId));
        // Every researcher may build studies on the demo photographs (ADR-011); the demo study itself is the admins'.
        (await db.StimulusSets.SingleAsync(s => s.Id == imported.SetId, ct)).IsShared = true;
        await db.SaveChangesAsync(ct);
        return new Result(true, imported.Stimuli, $"Seeded {imported.Stimuli} demo stimuli and an open demo study.");
    }

    /// <summary>
    /// A complete, open study (30 trials, 3 practice, 10% catch trials, 2 repeat probes, 2 blocks) with the default
    /// texts and fresh codes; it must pass the same validator as a study made in the editor.
    /// </summary>
    public static Study DemoStudy(Guid setId)
    {
        var study = StudyDefaults.NewStudy(setId, "seed");
        study.Name = StudyName;
        study.Description = "Which of three photographs does not belong? Seeded at first start for demos and bots.";
        study.State = StudyState.Open;
        study.Recruitment = RecruitmentSource.DirectLink;
        study.Design = DesignKind.BalancedRandom;
        study.TrialsPerParticipant = 30;
        study.PracticeTrials = 3;
        study.CatchTrialShare = 0.1;
        study.RepeatProbes = 2;
        study.Blocks = 2;
        study.CreatedAt = DateTimeOffset.UtcNow;
        var errors = StudyValidator.ValidateForOpening(study).Errors;
        if (errors.Count > 0) throw new InvalidOperationException("The demo study is not valid: " + string.Join(" ", errors.Select(e => e.ErrorMessage)));
        return study;
    }
}

using AligNet.Data;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>The circle world as an adaptive study's set: the refill tests' common start.</summary>
public static class AdaptiveCircleStudy
{
    public static async Task<Study> CreateAsync(AligNetDbContext db, string root, CancellationToken ct)
    {
        var setId = await CircleConcepts.CreateAsync(db, root);
        // Concepts have no images; give them some, so a participant could be shown them (the refill draws only those).
        await db.Stimuli.Where(s => s.StimulusSetId == setId).ExecuteUpdateAsync(s => s.SetProperty(x => x.ImagePath, "circle.png"), ct);
        var study = new Study { Id = Guid.NewGuid(), Name = "adaptive", StimulusSetId = setId, AdaptiveSampling = true, CreatedAt = DateTimeOffset.UtcNow };
        db.Studies.Add(study);
        await db.SaveChangesAsync(ct);
        return study;
    }
}

using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Imports;

/// <summary>
/// A stimulus set of named concepts without images, for human data whose images cannot be shared (THINGS):
/// embeddings and triplets can then be imported onto it and teachers trained on it. Line t of the list is index t.
/// </summary>
public sealed class ConceptSetImporter(AligNetDbContext db)
{
    public async Task<Guid> ImportAsync(string name, string description, IReadOnlyList<string> labels, string sourceName, CancellationToken ct = default)
    {
        var problems = new List<ImportProblem>();
        name = name.Trim();
        if (name.Length is 0 or > 200) problems.Add(new(null, null, "the set needs a name of 1–200 characters."));
        else if (await db.StimulusSets.AnyAsync(s => s.Name == name, ct)) problems.Add(new(null, null, $"a stimulus set named '{name}' exists already; choose another name."));
        if (labels.Count < 3) problems.Add(new(null, null, "a concept list needs at least three concepts."));
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i].Trim();
            if (label.Length is 0 or > 200) problems.Add(new(i + 1, null, "a concept label needs 1–200 characters."));
            else if (!first.TryAdd(label, i + 1)) problems.Add(new(i + 1, label, $"listed twice (first on line {first[label]})."));
        }
        if (problems.Count > 0) throw new ImportValidationException(sourceName, problems);

        var set = new StimulusSet { Id = Guid.NewGuid(), Name = name, Description = description, CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < labels.Count; i++)
        {
            set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), StimulusSetId = set.Id, Index = i, Label = labels[i].Trim() });
        }
        db.StimulusSets.Add(set);
        await db.SaveChangesAsync(ct);
        return set.Id;
    }
}

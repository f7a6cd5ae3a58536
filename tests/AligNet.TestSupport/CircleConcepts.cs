using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Evaluation.Triplets;
using Microsoft.EntityFrameworkCore;

namespace AligNet.TestSupport;

/// <summary>
/// A small teachable world: 24 concepts whose human judgments follow their places on a circle (the odd one out is the
/// one farthest around it), while the base model's 4-d embeddings show the circle plus two dimensions of noise.
/// Enough for a teacher to train in seconds.
/// </summary>
public static class CircleConcepts
{
    public const int Items = 24;
    public const string Model = "base";
    public const string Version = "1";

    public static async Task<Guid> CreateAsync(AligNetDbContext db, string folder, int attempts = 600)
    {
        var setId = await new ConceptSetImporter(db).ImportAsync("circle", "", [.. Enumerable.Range(0, Items).Select(i => $"c{i}")], "labels");
        var random = new Random(3);
        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync();
        var vectors = stimuli.Select((id, i) => (id, new[] { (float)Math.Cos(i * Math.Tau / Items), (float)Math.Sin(i * Math.Tau / Items),
            (float)random.NextDouble(), (float)random.NextDouble() })).ToList();
        await new EmbeddingImporter(db).StoreAsync(setId, Model, Version, vectors);

        var lines = new List<string>();
        for (var n = 0; n < attempts; n++)
        {
            var (a, b, c) = (random.Next(Items), random.Next(Items), random.Next(Items));
            if (a == b || a == c || b == c) continue;
            var odd = new[] { (Distance(b, c), a), (Distance(a, c), b), (Distance(a, b), c) }.MinBy(t => t.Item1).Item2;
            var pair = new[] { a, b, c }.Where(x => x != odd).ToArray();
            lines.Add($"{pair[0]} {pair[1]} {odd}");
        }
        var file = Path.Combine(folder, "circle-judgments.txt");
        await File.WriteAllLinesAsync(file, lines);
        await new TripletImporter(db).ImportAsync(setId, "human", file, TripletFormat.OddLast, null);
        return setId;
    }

    /// <summary>Steps around the circle between two items.</summary>
    private static double Distance(int x, int y) => Math.Min(Math.Abs(x - y), Items - Math.Abs(x - y));
}

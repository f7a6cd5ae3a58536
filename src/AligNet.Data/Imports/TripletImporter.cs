using AligNet.Domain.Judgments;
using AligNet.Evaluation.Triplets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Imports;

/// <summary>
/// Imports a human triplet file onto a stimulus set as a named data set, all or nothing: the file is read and
/// checked whole first (indices are stimulus indices of the set), then the data set row and every triplet are
/// written in one transaction with PostgreSQL's binary COPY (fast for hundreds of thousands of rows).
/// </summary>
public sealed class TripletImporter(AligNetDbContext db)
{
    public async Task<TripletDataset> ImportAsync(Guid setId, string name, string path, TripletFormat format, IReadOnlyList<int>? reorder, string? createdBy = null, CancellationToken ct = default)
    {
        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(ct);
        var problems = new List<ImportProblem>();
        if (stimuli.Count < 3) problems.Add(new(null, null, "the stimulus set has fewer than three stimuli (or does not exist)."));
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) problems.Add(new(null, null, "the data set needs a name of 1–200 characters."));
        else if (await db.TripletDatasets.AnyAsync(d => d.StimulusSetId == setId && d.Name == name, ct)) problems.Add(new(null, null, $"a triplet data set named '{name}' exists on this stimulus set; choose another name."));
        if (problems.Count > 0) throw new ImportValidationException(path, problems);

        var responses = TripletFileReader.Read(path, format, stimuli.Count, reorder); // throws DataFormatException with file and line
        var longSubject = responses.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Subject?.Length > 128);
        if (longSubject.r.Subject is not null)
        {
            throw new ImportValidationException(path, [new(null, null, $"triplet {longSubject.i + 1}: the subject id is longer than 128 characters.")]);
        }

        var dataset = new TripletDataset
        {
            Id = Guid.NewGuid(), Name = name, StimulusSetId = setId, SourceFile = Path.GetFileName(path), Format = format.Name(),
            Count = responses.Count, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = createdBy,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.TripletDatasets.Add(dataset);
        await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY alignet.imported_triplets (\"DatasetId\", \"FirstId\", \"SecondId\", \"OddId\", \"Subject\", \"Line\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var line = 0;
            foreach (var r in responses)
            {
                line++;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(dataset.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(stimuli[r.I], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(stimuli[r.J], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(stimuli[r.K], NpgsqlDbType.Uuid, ct);
                if (r.Subject is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(r.Subject, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return dataset;
    }
}

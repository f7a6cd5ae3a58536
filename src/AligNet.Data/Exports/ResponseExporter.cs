using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Exports;

/// <summary>
/// Responses out of the platform, streamed: the long CSV and Parquet (all sessions, with their QC status) and
/// odd-last triplets (training data: QC-excluded sessions and timeouts left out; one study, since indices refer
/// to its stimulus set).
/// </summary>
public sealed class ResponseExporter(AligNetDbContext db)
{
    public async Task<long> ExportAsync(ExportFormat format, ExportFilter filter, Stream output, CancellationToken ct = default)
    {
        if (filter.StudyId is { } studyId && !await db.Studies.AnyAsync(s => s.Id == studyId, ct))
        {
            throw new ArgumentException($"No study with id {studyId}.");
        }
        if (format == ExportFormat.OddLast)
        {
            if (filter.StudyId is null) throw new ArgumentException("An odd-last export needs one study: its indices refer to that study's stimulus set.");
            filter = filter with { IncludeExcluded = false };
        }

        var rows = ResponseExportQuery.Stream(db, filter);
        if (!filter.RawParticipantIds)
        {
            var pseudonyms = await ParticipantPseudonyms.LoadAsync(db, ct);
            rows = rows.Select(r => r with { Participant = pseudonyms.Of(r.StudyId, r.Participant) });
        }
        return format switch
        {
            ExportFormat.Csv => await CsvResponseWriter.WriteAsync(rows, output, ct),
            ExportFormat.Parquet => await ParquetResponseWriter.WriteAsync(rows, output, ct),
            _ => await OddLastTripletWriter.WriteAsync(rows, output, ct),
        };
    }

    /// <summary>Finds a study by id or by exact name, for the CLI.</summary>
    public async Task<Guid> ResolveStudyAsync(string idOrName, CancellationToken ct = default)
    {
        if (Guid.TryParse(idOrName, out var id) && await db.Studies.AnyAsync(s => s.Id == id, ct)) return id;
        var matches = await db.Studies.Where(s => s.Name == idOrName).Select(s => s.Id).Take(2).ToListAsync(ct);
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"No study named or numbered '{idOrName}'."),
            _ => throw new ArgumentException($"Several studies are named '{idOrName}': use the study id."),
        };
    }
}

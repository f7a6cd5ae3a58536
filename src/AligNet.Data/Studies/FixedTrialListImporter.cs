using AligNet.Data.Imports;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AligNet.Data.Studies;

/// <summary>
/// Imports a study's fixed trial lists (design <see cref="DesignKind.FixedLists"/>), all or nothing: every file is
/// read and checked first (each problem with its line), then the study's previous lists are replaced in one
/// transaction with binary COPY (the Levels lists are 33,000 rows). The study takes the design FixedLists and the
/// lists' length as its trials per participant, so every list must have the same length.
/// </summary>
public sealed class FixedTrialListImporter(AligNetDbContext db)
{
    public sealed record Result(int Lists, int TrialsPerList);

    public async Task<Result> ImportAsync(Guid studyId, IReadOnlyList<string> paths, CancellationToken ct = default)
    {
        var readers = paths.Select(p => new FixedTrialListReader.Source(Path.GetFileName(p), File.OpenText(p))).ToList();
        try
        {
            return await ImportAsync(studyId, readers, string.Join(", ", paths), ct);
        }
        finally
        {
            foreach (var r in readers) r.Text.Dispose();
        }
    }

    public async Task<Result> ImportAsync(Guid studyId, IReadOnlyList<FixedTrialListReader.Source> sources, string sourceName, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var study = await StudyRows.LockAsync(db, studyId, ct)
            ?? throw new ImportValidationException(sourceName, [new(null, null, "the study does not exist.")]);
        if (study.IsDesignFrozen)
        {
            throw new ImportValidationException(sourceName, [new(null, null,
                $"the study's design was frozen at {study.DesignFrozenAt:u} when its first participant started; its trial lists can no longer change. Create a new study for new lists.")]);
        }

        var stimuli = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == study.StimulusSetId)
            .Select(s => new { s.Id, s.SourceName, s.Label }).ToListAsync(ct);
        var names = new StimulusNames(stimuli.Select(s => (s.Id, s.SourceName, s.Label)));
        var problems = new List<ImportProblem>();
        var rows = FixedTrialListReader.Read(sources, names, problems);
        var lists = rows.GroupBy(r => r.ListId).ToList(); // GroupBy keeps the order of first appearance
        if (problems.Count == 0) problems.AddRange(LengthProblems(lists));
        if (problems.Count > 0) throw new ImportValidationException(sourceName, problems);

        study.Design = DesignKind.FixedLists;
        study.TrialsPerParticipant = lists[0].Count();
        var invalid = StudyValidator.ValidateForSave(study).Errors;
        if (invalid.Count > 0)
        {
            throw new ImportValidationException(sourceName,
                [.. invalid.Select(e => new ImportProblem(null, null, $"with {study.TrialsPerParticipant} trials per list the study is not valid: {e.ErrorMessage}"))]);
        }

        await db.FixedTrials.Where(t => t.StudyId == studyId).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        await CopyAsync(studyId, lists, ct);
        await transaction.CommitAsync(ct);
        return new Result(lists.Count, study.TrialsPerParticipant);
    }

    private static IEnumerable<ImportProblem> LengthProblems(List<IGrouping<string, FixedTrialListReader.Row>> lists)
    {
        var lengths = lists.GroupBy(l => l.Count()).OrderByDescending(g => g.Count()).ToList();
        if (lengths[0].Key > StudyLimits.MaxTrialsPerParticipant)
        {
            yield return new(null, null, $"the lists have {lengths[0].Key:N0} trials; a study allows at most {StudyLimits.MaxTrialsPerParticipant:N0} per participant. Split them.");
        }
        if (lengths.Count > 1)
        {
            var odd = lengths.Skip(1).SelectMany(g => g.Select(l => $"{l.Key} ({g.Key})")).Take(10);
            yield return new(null, null,
                $"the lists differ in length: most have {lengths[0].Key} trials, but {string.Join(", ", odd)}{(lengths.Skip(1).Sum(g => g.Count()) > 10 ? ", …" : "")}. Give every list the same number of trials.");
        }
    }

    private async Task CopyAsync(Guid studyId, List<IGrouping<string, FixedTrialListReader.Row>> lists, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY alignet.fixed_trials (\"StudyId\", \"ListNumber\", \"Order\", \"Stimulus0Id\", \"Stimulus1Id\", \"Stimulus2Id\", \"Condition\", \"IsCatch\") FROM STDIN (FORMAT BINARY)", ct);
        for (var number = 0; number < lists.Count; number++)
        {
            foreach (var row in lists[number].OrderBy(r => r.Order))
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(studyId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(number, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.Order, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(row.S0, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.S1, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(row.S2, NpgsqlDbType.Uuid, ct);
                if (row.Condition is null) await copy.WriteNullAsync(ct); else await copy.WriteAsync(row.Condition, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(row.IsCatch, NpgsqlDbType.Boolean, ct);
            }
        }
        await copy.CompleteAsync(ct);
    }
}

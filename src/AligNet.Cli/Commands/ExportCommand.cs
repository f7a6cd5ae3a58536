using System.CommandLine;
using System.Diagnostics;
using AligNet.Data;
using AligNet.Data.Audit;
using AligNet.Data.Exports;
using AligNet.Domain.Audit;

namespace AligNet.Cli.Commands;

/// <summary><c>alignet export responses</c>: the long CSV, Parquet or odd-last triplets, streamed to a file.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var study = new Option<string?>("--study") { Description = "Study id or exact name; all studies when omitted (csv, parquet)." };
        var format = new Option<string>("--format") { Description = "csv, parquet or odd-last.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet", "odd-last");
        var output = new Option<FileInfo>("--out") { Description = "File to write; the data dictionary is written beside it (.dictionary.md).", Required = true };

        var rawIds = new Option<bool>("--raw-ids") { Description = "The recruitment platform's participant ids instead of pseudonyms (recorded in the audit log)." };

        var responses = new Command("responses", "Export responses, one row per trial.") { study, format, output, rawIds };
        responses.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            await using var db = AligNetDbContext.Create(CliConfiguration.ConnectionString());
            var exporter = new ResponseExporter(db);
            var studyId = parse.GetValue(study) is { } s ? await exporter.ResolveStudyAsync(s, ct) : (Guid?)null;
            var target = parse.GetValue(output)!.FullName;
            var chosen = ExportFormats.Parse(parse.GetValue(format)!);
            var raw = parse.GetValue(rawIds);
            if (raw)
            {
                // Whoever can run the CLI against the database could read the ids anyway; the record says who did.
                AuditTrail.Add(db, "cli:" + Environment.UserName, AuditActions.ExportRawIds, studyId?.ToString() ?? "all studies", new { format = chosen.ToString(), target });
                await db.SaveChangesAsync(ct);
            }

            // Written under a temporary name and renamed at the end: an interrupted export leaves no partial file behind.
            var partial = target + ".partial";
            var clock = Stopwatch.StartNew();
            long rows;
            try
            {
                await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    rows = await exporter.ExportAsync(chosen, new ExportFilter(studyId, RawParticipantIds: raw), file, ct);
                }
                File.Move(partial, target, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            await File.WriteAllTextAsync(Path.ChangeExtension(target, null) + ".dictionary.md", ResponseExportColumns.Markdown(), ct);
            Console.WriteLine($"Wrote {rows} rows to {target} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        }));
        return new Command("export", "Export data from the platform.") { responses };
    }
}

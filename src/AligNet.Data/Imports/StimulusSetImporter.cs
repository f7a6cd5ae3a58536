using System.Security.Cryptography;
using System.Text;
using AligNet.Data.Stimuli;
using AligNet.Domain.Stimuli;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Imports;

/// <summary>
/// Imports a stimulus set from a folder or zip and its manifest, all or nothing: every row and every image is
/// checked first and all problems are reported together; only a clean set is written. Images are copied into the
/// store under their content hash, then one transaction writes the set and its stimuli; if that fails, the copied
/// files are removed again. Memory is bounded by one image at a time: the check pass keeps each image's hash, not
/// its bytes, and the write pass reads it again from the source (and refuses it if it changed in between).
/// </summary>
public sealed class StimulusSetImporter(AligNetDbContext db, string storeRoot)
{
    public sealed record Result(Guid SetId, int Stimuli);

    /// <summary>The staff account that imports the set in the web app (ADR-011); null for the CLI and the seeder.</summary>
    public string? OwnerId { get; init; }

    private sealed record Checked(ManifestReader.Row Row, ImageInspector.ImageInfo Image, string Sha256);

    public async Task<Result> ImportAsync(string name, string description, StimulusSource source, string manifestName = ManifestReader.DefaultName, CancellationToken ct = default)
    {
        var problems = new List<ImportProblem>();
        var manifest = source.Read(manifestName);
        if (manifest is null)
        {
            throw new ImportValidationException(source.Description, [new ImportProblem(null, manifestName, "manifest not found: add a CSV with the columns file,label[,category].")]);
        }
        var rows = ManifestReader.Read(Encoding.UTF8.GetString(manifest), problems);
        return await ImportAsync(name, description, source, rows, problems, ct);
    }

    public async Task<Result> ImportAsync(string name, string description, StimulusSource source, IReadOnlyList<ManifestReader.Row> rows,
        List<ImportProblem> problems, CancellationToken ct = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) problems.Add(new ImportProblem(null, null, "the set needs a name of 1–200 characters."));
        else if (await db.StimulusSets.AnyAsync(s => s.Name == name, ct)) problems.Add(new ImportProblem(null, null, $"a stimulus set named '{name}' exists already; choose another name."));

        var checkedRows = Check(source, rows, problems);
        if (problems.Count > 0) throw new ImportValidationException(source.Description, problems);

        var set = new StimulusSet { Id = Guid.NewGuid(), Name = name, Description = description, CreatedAt = DateTimeOffset.UtcNow, OwnerId = OwnerId };
        var written = new List<string>();
        try
        {
            foreach (var item in checkedRows)
            {
                var relative = Path.Combine("sets", set.Id.ToString("N"), item.Sha256 + item.Image.Extension);
                var bytes = source.Read(item.Row.File);
                if (bytes is null || Convert.ToHexStringLower(SHA256.HashData(bytes)) != item.Sha256)
                {
                    throw new ImportValidationException(source.Description,
                        [new ImportProblem(item.Row.Line, item.Row.File, "the file changed or vanished during the import; nothing was imported. Import again.")]);
                }
                await WriteAtomicallyAsync(Path.Combine(storeRoot, relative), bytes, ct);
                written.Add(Path.Combine(storeRoot, relative));
                set.Stimuli.Add(new Stimulus
                {
                    Id = Guid.NewGuid(), StimulusSetId = set.Id, Index = set.Stimuli.Count, Label = item.Row.Label, SourceName = item.Row.File,
                    CategoryPath = item.Row.CategoryPath, ImagePath = relative, ContentType = item.Image.ContentType,
                    Sha256 = item.Sha256, Width = item.Image.Width, Height = item.Image.Height,
                });
            }
            db.StimulusSets.Add(set);
            await db.SaveChangesAsync(ct); // one transaction: the set with all its stimuli, or nothing
        }
        catch
        {
            foreach (var file in written) File.Delete(file);
            var folder = Path.Combine(storeRoot, "sets", set.Id.ToString("N"));
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
            db.ChangeTracker.Clear();
            throw;
        }
        return new Result(set.Id, set.Stimuli.Count);
    }

    private static List<Checked> Check(StimulusSource source, IReadOnlyList<ManifestReader.Row> rows, List<ImportProblem> problems)
    {
        var result = new List<Checked>();
        var firstLineOfFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstLineOfImage = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.File.Length == 0 || !StimulusSource.IsSafeName(row.File)) continue; // already reported by the manifest reader
            if (!firstLineOfFile.TryAdd(row.File, row.Line))
            {
                problems.Add(new ImportProblem(row.Line, row.File, $"listed twice (first on line {firstLineOfFile[row.File]})."));
                continue;
            }
            var bytes = source.Read(row.File);
            if (bytes is null) { problems.Add(new ImportProblem(row.Line, row.File, "file not found in the source.")); continue; }
            var (image, problem) = ImageInspector.Inspect(bytes);
            if (image is null) { problems.Add(new ImportProblem(row.Line, row.File, problem!)); continue; }
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!firstLineOfImage.TryAdd(sha, row.Line))
            {
                problems.Add(new ImportProblem(row.Line, row.File, $"the same image as line {firstLineOfImage[sha]} (a duplicate)."));
                continue;
            }
            if (row.Label.Length is > 0 and <= 200) result.Add(new Checked(row, image, sha));
        }
        return result;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, bytes, ct);
        File.Move(temporary, path, overwrite: true);
    }
}

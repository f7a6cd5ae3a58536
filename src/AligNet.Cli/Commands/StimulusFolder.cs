using AligNet.Data.Imports;

namespace AligNet.Cli.Commands;

/// <summary>The manifest of a stimulus folder (as 'alignet import stimuli' reads it), for commands that work on the folder without a database.</summary>
internal static class StimulusFolder
{
    public static IReadOnlyList<ManifestReader.Row> Read(DirectoryInfo folder, string option)
    {
        var manifest = Path.Combine(folder.FullName, ManifestReader.DefaultName);
        if (!File.Exists(manifest))
        {
            throw new ArgumentException($"{option}: no {ManifestReader.DefaultName} in {folder.FullName}; the folder needs the manifest 'alignet import stimuli' reads (file,label,category).");
        }
        var problems = new List<ImportProblem>();
        var rows = ManifestReader.Read(File.ReadAllText(manifest), problems);
        if (problems.Count > 0) throw new ArgumentException($"{manifest}: " + string.Join("; ", problems.Take(5).Select(p => $"line {p.Line}: {p.Message}")));
        return rows;
    }
}

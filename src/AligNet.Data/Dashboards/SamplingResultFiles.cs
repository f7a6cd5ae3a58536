using System.Text.RegularExpressions;
using AligNet.Evaluation.Simulation;

namespace AligNet.Data.Dashboards;

/// <summary>
/// Where simulation results live for the Sampling dashboard (ADR-022): long-form CSVs of
/// <c>alignet simulate sampling --publish NAME</c> in <c>{Artifacts root}/simulations/sampling/NAME.csv</c>, the folder
/// web, worker and CLI share. Names are plain (letters, digits, '.', '-', '_'), so a name from an address cannot leave
/// the folder.
/// </summary>
public sealed partial class SamplingResultFiles(string artifactsRoot)
{
    public string Folder { get; } = Path.Combine(artifactsRoot, "simulations", "sampling");

    public sealed record Entry(string Name, DateTimeOffset WrittenAt);

    /// <summary>The published results, newest first.</summary>
    public IReadOnlyList<Entry> List() => !Directory.Exists(Folder)
        ? []
        : [.. new DirectoryInfo(Folder).EnumerateFiles("*.csv")
            .Where(f => PlainName().IsMatch(Path.GetFileNameWithoutExtension(f.Name)))
            .Select(f => new Entry(Path.GetFileNameWithoutExtension(f.Name), f.LastWriteTimeUtc))
            .OrderByDescending(e => e.WrittenAt).ThenBy(e => e.Name, StringComparer.Ordinal)];

    public string PathOf(string name) => PlainName().IsMatch(name)
        ? Path.Combine(Folder, name + ".csv")
        : throw new ArgumentException($"'{name}' is not a result name: use letters, digits, '.', '-' and '_' only (e.g. demo-2026-11-30).", nameof(name));

    public IReadOnlyList<SamplingPoint> Read(string name) => SamplingResultsCsv.Read(PathOf(name));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex PlainName();
}

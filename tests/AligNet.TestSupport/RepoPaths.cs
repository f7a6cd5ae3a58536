namespace AligNet.TestSupport;

/// <summary>Where the checkout and the shared data are, found from the test's own location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Built output of a project under src/ (same configuration as the tests).</summary>
    public static string BuildOutput(string project) =>
        Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>../shared/data beside the checkout, or ALIGNET_SHARED_DATA.</summary>
    public static string SharedData =>
        Environment.GetEnvironmentVariable("ALIGNET_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AligNet.Web.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("AligNet.Web.sln not found above " + AppContext.BaseDirectory);
    }
}

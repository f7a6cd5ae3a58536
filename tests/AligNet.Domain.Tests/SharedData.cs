namespace AligNet.Domain.Tests;

/// <summary>../shared/data beside the checkout, or ALIGNET_SHARED_DATA (the same rule as AligNet.TestSupport.RepoPaths,
/// which this project does not reference because it brings EF Core and the migrations along).</summary>
internal static class SharedData
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("ALIGNET_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "data"));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AligNet.Web.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("AligNet.Web.sln not found above " + AppContext.BaseDirectory);
    }
}

using System.Diagnostics;
using AligNet.TestSupport;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// A brand-new private PostgreSQL made by the real deploy/db.sh in a temporary checkout-like folder (its own
/// .pgdata, its own free port), as a fresh clone would get it. Stopped and deleted on dispose.
/// </summary>
public sealed class ScratchCluster : IAsyncDisposable
{
    private ScratchCluster(string root, int port) => (Root, Port) = (root, port);

    public string Root { get; }
    public int Port { get; }
    public string PasswordFile => Path.Combine(Root, ".pgdata", "alignet.password");

    public static async Task<ScratchCluster> StartAsync()
    {
        // Not CreateTempSubdirectory (mode 0700): as root, db.sh runs PostgreSQL as user postgres, who must reach .pgdata.
        var root = Path.Combine(Path.GetTempPath(), "alignet-scratch-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "deploy"));
        foreach (var script in new[] { "db.sh", "backup.sh", "restore.sh", "pg-env.sh" })
        {
            var source = Path.Combine(RepoPaths.Root, "deploy", script);
            if (File.Exists(source)) File.Copy(source, Path.Combine(root, "deploy", script));
        }
        var cluster = new ScratchCluster(root, HostProcess.FreePort());
        var (code, output) = await cluster.RunAsync("deploy/db.sh", "start");
        if (code != 0) throw new InvalidOperationException("deploy/db.sh start failed:\n" + output);
        return cluster;
    }

    /// <summary>Runs a script of the scratch folder with this cluster's port; returns exit code and stdout+stderr.</summary>
    public Task<(int Code, string Output)> RunAsync(string script, params string[] args) => RunAsync(script, new Dictionary<string, string>(), args);

    public async Task<(int Code, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ALIGNET_PG_PORT"] = Port.ToString();
        start.Environment["ALIGNET_PG_FSYNC"] = "off";
        start.Environment.Remove("ConnectionStrings__AligNet");
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public async Task<string> UrlAsync(string database = "alignet")
    {
        var (code, output) = await RunAsync("deploy/db.sh", "url");
        if (code != 0) throw new InvalidOperationException(output);
        return new Npgsql.NpgsqlConnectionStringBuilder(output.Trim()) { Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await RunAsync("deploy/db.sh", "stop");
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

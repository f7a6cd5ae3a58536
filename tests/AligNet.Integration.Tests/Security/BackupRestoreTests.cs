using System.Net;
using System.Security.Cryptography;
using AligNet.Data;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// deploy/backup.sh of a working deployment, deploy/restore.sh into a brand-new cluster made by deploy/db.sh, and
/// the platform running on the restored copy: same rows in every table, same files, sign-in and images work.
/// </summary>
public class BackupRestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Dictionary<string, long>> CountsAsync(AligNetDbContext db) => new()
    {
        ["studies"] = await db.Studies.LongCountAsync(Ct), ["sessions"] = await db.Sessions.LongCountAsync(Ct),
        ["trials"] = await db.Trials.LongCountAsync(Ct), ["responses"] = await db.Responses.LongCountAsync(Ct),
        ["stimuli"] = await db.Stimuli.LongCountAsync(Ct), ["users"] = await db.Users.LongCountAsync(Ct),
        ["participants"] = await db.Participants.LongCountAsync(Ct), ["keys"] = await db.DataProtectionKeys.LongCountAsync(Ct),
    };

    private static Dictionary<string, string> Files(string folder) => !Directory.Exists(folder) ? [] :
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.resized/"))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task A_backup_restored_into_a_fresh_cluster_has_every_row_and_file_and_the_platform_runs_on_it()
    {
        // A working deployment: admin signed in (keys written), a study with answered sessions, images, an artifact.
        await using var app = await WebApp.StartAsync();
        var artifacts = Path.Combine(app.StimulusRoot, "..", Path.GetFileName(app.StimulusRoot) + "-artifacts");
        Directory.CreateDirectory(Path.Combine(artifacts, "teachers"));
        await File.WriteAllTextAsync(Path.Combine(artifacts, "teachers", "model.json"), "{\"w\": [1, 2, 3]}", Ct);
        Guid stimulus;
        await using (var db = app.Database.CreateContext())
        {
            await SampleStudy.CreateAsync(db, sessions: 3, trialsPerSession: 4);
            var study = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);
            stimulus = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).Select(s => s.Id).FirstAsync(Ct);
        }
        using (var client = app.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, WebApp.AdminEmail, WebApp.AdminPassword)).Status);
        }
        Dictionary<string, long> before;
        await using (var db = app.Database.CreateContext()) before = await CountsAsync(db);

        await using var fresh = await ScratchCluster.StartAsync();
        var backup = Path.Combine(fresh.Root, "backup");
        var (backedUp, backupOutput) = await fresh.RunAsync("deploy/backup.sh", new Dictionary<string, string>
        {
            ["ConnectionStrings__AligNet"] = app.Database.ConnectionString, ["Stimuli__Root"] = app.StimulusRoot, ["Artifacts__Root"] = artifacts,
        }, backup);
        Assert.True(backedUp == 0, backupOutput);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(backup, "database.dump")));

        var restoredStimuli = Path.Combine(fresh.Root, "stimuli");
        var restoredArtifacts = Path.Combine(fresh.Root, "artifacts");
        var target = await fresh.UrlAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__AligNet"] = target, ["Stimuli__Root"] = restoredStimuli, ["Artifacts__Root"] = restoredArtifacts,
        };
        var (restored, restoreOutput) = await fresh.RunAsync("deploy/restore.sh", environment, backup);
        Assert.True(restored == 0, restoreOutput);
        Assert.Contains("every table's row count matches", restoreOutput);
        // Restoring twice into the same database is refused, not merged.
        var (again, againOutput) = await fresh.RunAsync("deploy/restore.sh", environment, backup);
        Assert.NotEqual(0, again);
        Assert.Contains("restore into an empty database", againOutput);

        await using (var copy = AligNetDbContext.Create(target))
        {
            Assert.Equal(before, await CountsAsync(copy));
        }
        Assert.Equal(Files(app.StimulusRoot), Files(restoredStimuli));
        Assert.Equal(Files(artifacts), Files(restoredArtifacts));

        // The platform on the restored copy: healthy, the admin signs in, an image is served from the restored store.
        var url = $"http://127.0.0.1:{HostProcess.FreePort()}";
        await using var web = HostProcess.Start("AligNet.Web", "AligNet.Web.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__AligNet"] = target, ["Admin__Email"] = WebApp.AdminEmail, ["Stimuli__Root"] = restoredStimuli,
        }, "--urls", url);
        Assert.True(await web.WaitForOutputAsync("Now listening on", WebApp.StartTimeout), web.Output);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        using (var health = await http.GetAsync("/health", Ct)) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(http, WebApp.AdminEmail, WebApp.AdminPassword)).Status);
        using var image = await http.GetAsync($"/api/stimuli/{stimulus}/image?w=64", Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Directory.Delete(artifacts, recursive: true);
    }
}

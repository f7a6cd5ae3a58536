using System.Net;
using System.Security.Cryptography;
using System.Text;
using AligNet.Data.Exports;
using AligNet.Data.Secrets;
using AligNet.Domain.Audit;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace AligNet.Integration.Tests.Security;

/// <summary>
/// Exports carry pseudonyms, not Prolific/MTurk ids, unless an admin asks (and the asking is audited); CSV cells
/// cannot become spreadsheet formulas.
/// </summary>
public class ExportPrivacyTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SampleStudy> SampleAsync(string prefix)
    {
        await using var db = App.Database.CreateContext();
        var sample = await SampleStudy.CreateAsync(db, sessions: 2, trialsPerSession: 2);
        // SampleStudy's participants are "PID 0", "PID 1": made unique per call, as Prolific ids are.
        foreach (var participant in await db.Sessions.Where(s => s.StudyId == sample.StudyId).Select(s => s.Participant!).ToListAsync(Ct))
        {
            participant.ExternalId = prefix + participant.ExternalId;
        }
        await db.SaveChangesAsync(Ct);
        return sample;
    }

    private static List<(string Study, string Participant, string Source)> Rows(string csv)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(csv);
        return reader.Enumerate(r => (r["study"].ToString(), r["participant"].ToString(), r["source"].ToString())).ToList();
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostAsync(client, email, password)).Status);
        return client;
    }

    [Fact]
    public async Task By_default_participants_are_keyed_hmac_pseudonyms_stable_across_exports_and_distinct_per_study()
    {
        var sample = await SampleAsync("5f" + Guid.NewGuid().ToString("N")[..6]);
        using var admin = await SignedInAsync(WebApp.AdminEmail, WebApp.AdminPassword);

        var first = Rows(await admin.GetStringAsync($"/api/exports/responses?study={sample.StudyId}", Ct));
        var second = Rows(await admin.GetStringAsync($"/api/exports/responses?study={sample.StudyId}", Ct));

        Assert.Equal(4, first.Count);
        Assert.All(first, r => Assert.Matches("^p-[0-9a-f]{16}$", r.Participant));
        Assert.Equal(first.Select(r => r.Participant), second.Select(r => r.Participant));
        Assert.Equal(2, first.Select(r => r.Participant).Distinct().Count());

        // Independently recomputed from the documented rule, with the secret read from the database.
        await using var db = App.Database.CreateContext();
        var secret = await db.ServerSecrets.Where(s => s.Name == ServerSecrets.ExportPseudonyms).Select(s => s.Value).SingleAsync(Ct);
        var externalIds = await db.Sessions.Where(s => s.StudyId == sample.StudyId).OrderBy(s => s.StartedAt).ThenBy(s => s.Id)
            .Select(s => s.Participant!.ExternalId).ToListAsync(Ct);
        var studyKey = HMACSHA256.HashData(secret, sample.StudyId.ToByteArray());
        var expected = externalIds.Select(id => "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(studyKey, Encoding.UTF8.GetBytes(id)), 0, 8));
        Assert.Equal(expected, first.Select(r => r.Participant).Distinct());

        // The same platform id in another study gets another pseudonym: studies cannot be linked.
        var pseudonyms = await ParticipantPseudonyms.LoadAsync(db, Ct);
        Assert.NotEqual(pseudonyms.Of(sample.StudyId, externalIds[0]), pseudonyms.Of(Guid.NewGuid(), externalIds[0]));
        Assert.Equal(first[0].Participant, pseudonyms.Of(sample.StudyId, externalIds[0]));
    }

    [Fact]
    public async Task Raw_ids_are_for_admins_only_and_each_raw_export_is_audited()
    {
        var prefix = "raw" + Guid.NewGuid().ToString("N")[..6] + "-";
        var sample = await SampleAsync(prefix);
        await using (var cli = HostProcess.Start("AligNet.Cli", "alignet.dll",
            new Dictionary<string, string?> { ["ConnectionStrings__AligNet"] = App.Database.ConnectionString },
            "users", "add", "--email", $"{prefix}r@test.local", "--role", "Researcher", "--password", "Researcher-Password-1"))
        {
            Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, cli.Output);
        }
        // The researcher owns the study (may export it with pseudonyms), yet may not have the raw ids.
        await using (var members = App.Database.CreateContext())
        {
            var userId = await members.Users.Where(u => u.Email == $"{prefix}r@test.local").Select(u => u.Id).SingleAsync(Ct);
            members.StudyMembers.Add(new StudyMember { StudyId = sample.StudyId, UserId = userId, Role = StudyRole.Owner, AddedAt = DateTimeOffset.UtcNow });
            await members.SaveChangesAsync(Ct);
        }
        using var researcher = await SignedInAsync($"{prefix}r@test.local", "Researcher-Password-1");
        using var admin = await SignedInAsync(WebApp.AdminEmail, WebApp.AdminPassword);
        var url = $"/api/exports/responses?study={sample.StudyId}&rawIds=true";

        using var refused = await researcher.GetAsync(url, Ct);
        var raw = Rows(await admin.GetStringAsync(url, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only admins", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal([prefix + "PID 0", prefix + "PID 1"], raw.Select(r => r.Participant).Distinct());
        await using var db = App.Database.CreateContext();
        var audited = await db.AuditLog.Where(e => e.Action == AuditActions.ExportRawIds && e.Target == $"study/{sample.StudyId}").ToListAsync(Ct);
        var entry = Assert.Single(audited); // the refused request left no record, the admin's one
        Assert.Equal(WebApp.AdminEmail, entry.Actor);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(1+1)")]
    [InlineData("\tTAB")]
    [InlineData("\rCR")]
    public async Task Csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(string hostile)
    {
        var sample = await SampleAsync("csv" + Guid.NewGuid().ToString("N")[..6]);
        await using (var db = App.Database.CreateContext())
        {
            var study = await db.Studies.SingleAsync(s => s.Id == sample.StudyId, Ct);
            study.Name = hostile + " " + Guid.NewGuid().ToString("N")[..6];
            var participant = await db.Sessions.Where(s => s.StudyId == sample.StudyId).Select(s => s.Participant!).FirstAsync(Ct);
            participant.ExternalId = hostile + Guid.NewGuid().ToString("N")[..6];
            await db.SaveChangesAsync(Ct);
        }
        using var admin = await SignedInAsync(WebApp.AdminEmail, WebApp.AdminPassword);

        var rows = Rows(await admin.GetStringAsync($"/api/exports/responses?study={sample.StudyId}&rawIds=true", Ct));

        Assert.All(rows, r => Assert.StartsWith("'" + hostile, r.Study));
        Assert.Contains(rows, r => r.Participant.StartsWith("'" + hostile));
        Assert.All(rows, r => Assert.Equal("Prolific", r.Source)); // ordinary cells untouched
        Assert.Equal("plain", CsvResponseWriter.Neutralised("plain"));
        Assert.Equal("", CsvResponseWriter.Neutralised(""));
    }
}

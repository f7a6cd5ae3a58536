using System.CommandLine;
using AligNet.Cli.Bots;
using AligNet.Data;
using AligNet.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AligNet.Cli.Commands;

/// <summary>
/// <c>alignet bots</c>: N simulated participants against a running server, through the participant JSON API, for
/// demos and load tests. With a database connection the bots answer from the stimulus categories and the run ends
/// with a check that every acknowledged response is stored exactly once.
/// </summary>
internal static class BotsCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The platform's base URL.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var study = new Option<string>("--study") { Description = $"Study id, or its exact name (needs the database; \"demo\" is the seeded \"{DemoSeeder.StudyName}\").", Required = true };
        var participants = new Option<int>("--participants") { Description = "Concurrent simulated participants.", DefaultValueFactory = _ => 10 };
        var think = new Option<double>("--think-ms") { Description = "Wait per trial for an easy triplet, ms (harder ones wait longer, as their RT is longer); 0: flat out.", DefaultValueFactory = _ => 3000 };
        var jitter = new Option<double>("--think-jitter") { Description = "Relative spread of the wait (0.3: ±30 %).", DefaultValueFactory = _ => 0.3 };
        var noise = new Option<double>("--noise") { Description = "Probability of a random answer instead of the oracle's.", DefaultValueFactory = _ => 0.1 };
        var ramp = new Option<double>("--concurrency-ramp-s") { Description = "Seconds over which the bots start, evenly spread.", DefaultValueFactory = _ => 10 };
        var duration = new Option<double?>("--duration-s") { Description = "Run this long, starting new sessions as others end; without it each bot does one session." };
        var seed = new Option<int>("--seed") { Description = "Seed of the bots' random choices.", DefaultValueFactory = _ => 1 };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (default: ConnectionStrings__AligNet) for categories and the stored-exactly-once check." };
        var staffEmail = new Option<string?>("--staff-email") { Description = "Staff account to read server-side latency (default: ALIGNET_STAFF_EMAIL)." };
        var staffPassword = new Option<string?>("--staff-password") { Description = "Its password (default: ALIGNET_STAFF_PASSWORD)." };
        var json = new Option<bool>("--json") { Description = "Write the figures as one JSON object." };

        var command = new Command("bots", "Run simulated participants against a running server and report throughput, latency and data integrity.")
        {
            url, study, participants, think, jitter, noise, ramp, duration, seed, connection, staffEmail, staffPassword, json,
        };
        command.SetAction((parse, ct) => CliErrors.GuardAsync(async () =>
        {
            var configuration = CliConfiguration.Build();
            var connectionString = parse.GetValue(connection) ?? configuration.GetConnectionString("AligNet");
            var studyId = await ResolveStudyAsync(parse.GetValue(study)!, connectionString, ct);
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--url must be an absolute http(s) URL such as http://127.0.0.1:5080; got '{parse.GetValue(url)}'.");
            }
            var settings = new BotSettings(baseUrl, studyId, parse.GetValue(participants), parse.GetValue(think),
                parse.GetValue(jitter), parse.GetValue(noise), parse.GetValue(ramp), parse.GetValue(duration), Seed: parse.GetValue(seed));
            Validate(settings);

            var categories = connectionString is null ? StimulusCategories.None : await StimulusCategories.LoadAsync(connectionString, studyId, ct);
            if (connectionString is null) await Console.Error.WriteLineAsync("warning: no database connection: the bots answer at random and the stored-exactly-once check is skipped.");

            var email = parse.GetValue(staffEmail) ?? Environment.GetEnvironmentVariable("ALIGNET_STAFF_EMAIL");
            var password = parse.GetValue(staffPassword) ?? Environment.GetEnvironmentVariable("ALIGNET_STAFF_PASSWORD");
            using var server = email is not null && password is not null ? await ServerMetricsClient.SignInAsync(settings.Url, email, password, ct) : null;
            if (server is not null) await server.ResetAsync(ct);

            var run = await BotRun.RunAsync(settings, categories, ct);

            var serverFigures = server is null ? (System.Text.Json.JsonElement?)null : await server.ReadAsync(ct);
            var verdict = connectionString is null ? null : await RunVerifier.VerifyAsync(connectionString, run.Stats, ct);
            var report = BotReport.From(settings, run, verdict, serverFigures);
            if (parse.GetValue(json)) JsonOutput.Write(report);
            else report.WriteText(Console.Out);
            return verdict is { Lost: > 0 } or { DuplicateTrials: > 0 } ? 1 : 0;
        }));
        return command;
    }

    private static void Validate(BotSettings s)
    {
        if (s.Participants is < 1 or > 100_000) throw new ArgumentException("--participants must be from 1 to 100000.");
        if (s.ThinkMs < 0) throw new ArgumentException("--think-ms cannot be negative.");
        if (s.ThinkJitter is < 0 or > 1) throw new ArgumentException("--think-jitter must be from 0 to 1.");
        if (s.Noise is < 0 or > 1) throw new ArgumentException("--noise must be from 0 to 1.");
        if (s.RampSeconds < 0) throw new ArgumentException("--concurrency-ramp-s cannot be negative.");
        if (s.DurationSeconds is <= 0) throw new ArgumentException("--duration-s must be positive.");
    }

    private static async Task<Guid> ResolveStudyAsync(string study, string? connectionString, CancellationToken ct)
    {
        if (Guid.TryParse(study, out var id)) return id;
        if (connectionString is null) throw new ArgumentException("--study by name needs the database (--connection or ConnectionStrings__AligNet); pass the study id instead.");
        var name = study == "demo" ? DemoSeeder.StudyName : study;
        await using var db = AligNetDbContext.Create(connectionString);
        var ids = await db.Studies.Where(s => s.Name == name).Select(s => s.Id).Take(2).ToListAsync(ct);
        return ids.Count switch
        {
            1 => ids[0],
            0 => throw new ArgumentException($"No study named \"{name}\"."),
            _ => throw new ArgumentException($"Several studies are named \"{name}\"; pass the id."),
        };
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using AligNet.Data.Identity;
using AligNet.Domain.Audit;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using AligNet.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Access;

/// <summary>
/// Walks every route of the real web app as each kind of visitor and checks allow/deny against
/// <see cref="RouteAccessPolicy"/>, the one statement of the policy; a mapped route the table does not list fails.
/// </summary>
public class RouteWalkTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    public enum Persona { Anonymous, Participant, Owner, Editor, Viewer, Stranger, Admin }

    private WebApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the table means for each persona: the test's reading of <see cref="Audience"/>.</summary>
    private static bool MayUse(Audience audience, Persona persona) => audience switch
    {
        Audience.Anyone => true,
        Audience.SessionHolder => persona == Persona.Participant,
        Audience.Staff => persona is not (Persona.Anonymous or Persona.Participant),
        Audience.StudyViewer => persona is Persona.Owner or Persona.Editor or Persona.Viewer or Persona.Admin,
        Audience.StudyEditor => persona is Persona.Owner or Persona.Editor or Persona.Admin,
        Audience.Admin => persona == Persona.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    [Fact]
    public async Task Every_mapped_route_is_in_the_policy_table_and_every_line_of_the_table_is_a_mapped_route()
    {
        var routes = await EndpointCatalog.LoadAsync(App.Database.ConnectionString);

        var unlisted = routes.Where(r => RouteAccessPolicy.For(r.Method, r.Pattern).Count == 0).Select(r => $"{r.Method} {r.Pattern}").ToList();
        var stale = RouteAccessPolicy.Rules.Where(rule => !routes.Any(r => RouteAccessPolicy.For(r.Method, r.Pattern).Contains(rule)))
            .Select(r => $"{r.Method} {r.Pattern}").ToList();

        Assert.True(unlisted.Count == 0, "Routes missing from RouteAccessPolicy (add a line saying who may use them): " + string.Join(", ", unlisted));
        Assert.True(stale.Count == 0, "Lines of RouteAccessPolicy that match no route: " + string.Join(", ", stale));
        Assert.Contains(routes, r => r.Pattern == "/hangfire/{**path}");
        Assert.Contains(routes, r => r.Pattern.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal));
        Assert.Contains(routes, r => r.Pattern == "/css/site.css");
    }

    [Fact]
    public async Task Each_persona_is_allowed_and_refused_exactly_as_the_policy_table_says()
    {
        var world = await WalkWorld.CreateAsync(App);
        var routes = await EndpointCatalog.LoadAsync(App.Database.ConnectionString);
        var mismatches = new List<string>();
        var requests = 0;

        foreach (var persona in Enum.GetValues<Persona>())
        {
            using var client = await world.ClientForAsync(persona);
            foreach (var rule in RouteAccessPolicy.Rules)
            {
                foreach (var (method, path) in Requests(rule, routes, world))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (rule.Body is not null) request.Content = new StringContent(rule.Body, Encoding.UTF8, "application/json");
                    if (persona == Persona.Participant && rule.Audience == Audience.SessionHolder) request.Headers.Authorization = new("Bearer", world.SessionToken);
                    using var response = await client.SendAsync(request, Ct);
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    requests++;
                    var status = (int)response.StatusCode;
                    if (status >= 500) { mismatches.Add($"{persona} {method} {path}: {status} (server error)"); continue; }
                    var denied = IsDenied(response, body, rule.Audience);
                    // A POST to a page without its form handler is refused (400) before anything renders: it shows
                    // nothing, so it only has to be refused at route level where the table says so.
                    if (method == "POST" && status == 400 && !denied && rule.Pattern.StartsWith("/research/", StringComparison.Ordinal)) continue;
                    if (denied == MayUse(rule.Audience, persona))
                    {
                        mismatches.Add($"{persona} {method} {path}: {(denied ? "denied" : "allowed")} ({status} {response.Headers.Location}) but the table says {rule.Audience}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {requests} requests disagree with RouteAccessPolicy:\n" + string.Join("\n", mismatches)
            + (mismatches.Any(m => m.Contains("server error", StringComparison.Ordinal)) ? "\nweb log errors:\n" + string.Join("\n", App.Process.Output.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).TakeLast(5)) : ""));
        Assert.True(requests > 300, $"only {requests} requests were made");
    }

    [Fact]
    public async Task An_export_without_a_study_holds_only_what_the_caller_may_read_and_is_audited()
    {
        var world = await WalkWorld.CreateAsync(App);
        using var owner = await world.ClientForAsync(Persona.Owner);
        using var stranger = await world.ClientForAsync(Persona.Stranger);

        var ownCsv = await owner.GetStringAsync("/api/exports/responses?format=csv", Ct);
        var strangerCsv = await stranger.GetStringAsync("/api/exports/responses?format=csv", Ct);
        using var strangersTry = await stranger.GetAsync($"/api/exports/responses?study={world.ResponsesStudy}", Ct);
        using var nonexistent = await stranger.GetAsync($"/api/exports/responses?study={Guid.Empty}", Ct);

        Assert.Contains(world.ResponsesStudy.ToString(), ownCsv);
        Assert.DoesNotContain(world.ResponsesStudy.ToString(), strangerCsv);
        Assert.Equal(HttpStatusCode.NotFound, strangersTry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nonexistent.StatusCode); // the same answer: the stranger learns nothing
        await using var db = App.Database.CreateContext();
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.ExportResponses && e.Actor == world.Email(Persona.Stranger), Ct));
    }

    private static IEnumerable<(string Method, string Path)> Requests(RouteRule rule, IReadOnlyList<EndpointCatalog.Route> routes, WalkWorld world)
    {
        var covered = routes.Where(r => RouteAccessPolicy.For(r.Method, r.Pattern).Contains(rule)).ToList();
        foreach (var route in covered)
        {
            var method = route.Method == "*" ? "GET" : route.Method;
            yield return (method, rule.Sample is null ? route.Pattern : world.Fill(rule.Sample));
        }
    }

    private static bool IsDenied(HttpResponseMessage response, string body, Audience audience)
    {
        var status = (int)response.StatusCode;
        if (status is 401 or 403) return true;
        var location = response.Headers.Location?.OriginalString ?? "";
        if (status is 301 or 302 or 303 or 307 && (location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal))) return true;
        if (audience is Audience.Anyone or Audience.SessionHolder) return false;
        return status == 404 || body.Contains("data-testid=\"study-not-found\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// Two studies with the same members (an open one, whose images are public, and a closed one), one with responses,
    /// a participant session in the open one, and a signed-in client per persona.
    /// </summary>
    private sealed class WalkWorld
    {
        private readonly WebApp app;
        private readonly string tag = Guid.NewGuid().ToString("N")[..8];
        private Guid openStudy, closedStudy, openStimulus, closedStimulus, session;

        private WalkWorld(WebApp app) => this.app = app;

        public string SessionToken { get; private set; } = "";
        public Guid ResponsesStudy { get; private set; }

        public string Email(Persona persona) => $"{persona.ToString().ToLowerInvariant()}-{tag}@test.local";

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<WebApp, Lazy<Task<WalkWorld>>> Worlds = new();

        /// <summary>One world per web app: the tests of the class share it.</summary>
        public static Task<WalkWorld> CreateAsync(WebApp app) => Worlds.GetOrAdd(app, a => new(() => BuildAsync(a))).Value;

        private static async Task<WalkWorld> BuildAsync(WebApp app)
        {
            var world = new WalkWorld(app);
            await using var db = app.Database.CreateContext();
            var users = new Dictionary<Persona, string>();
            foreach (var persona in new[] { Persona.Owner, Persona.Editor, Persona.Viewer, Persona.Stranger })
                users[persona] = (await StaffUsers.CreateAsync(db, world.Email(persona), Roles.Researcher)).UserId;
            await StaffUsers.CreateAsync(db, world.Email(Persona.Admin), Roles.Admin);

            var open = await ParticipantStudy.CreateAsync(db, app.StimulusRoot);
            var closed = await ParticipantStudy.CreateAsync(db, app.StimulusRoot, s => s.State = StudyState.Closed);
            var responses = await SampleStudy.CreateAsync(db, sessions: 1, trialsPerSession: 3, participantPrefix: "walk ");
            (world.openStudy, world.closedStudy, world.ResponsesStudy) = (open.Id, closed.Id, responses.StudyId);
            world.openStimulus = await db.Stimuli.Where(s => s.StimulusSetId == open.StimulusSetId).Select(s => s.Id).FirstAsync(Ct);
            world.closedStimulus = await db.Stimuli.Where(s => s.StimulusSetId == closed.StimulusSetId).Select(s => s.Id).FirstAsync(Ct);
            foreach (var study in new[] { open.Id, closed.Id, responses.StudyId })
            {
                db.StudyMembers.Add(new StudyMember { StudyId = study, UserId = users[Persona.Owner], Role = StudyRole.Owner, AddedAt = DateTimeOffset.UtcNow });
                db.StudyMembers.Add(new StudyMember { StudyId = study, UserId = users[Persona.Editor], Role = StudyRole.Editor, AddedAt = DateTimeOffset.UtcNow });
                db.StudyMembers.Add(new StudyMember { StudyId = study, UserId = users[Persona.Viewer], Role = StudyRole.Viewer, AddedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync(Ct);

            using var participant = app.CreateClient();
            using var started = await participant.PostAsync($"/api/participate/studies/{open.Id}/sessions",
                new StringContent("""{"parameters": {}, "token": null}""", Encoding.UTF8, "application/json"), Ct);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
            using var json = JsonDocument.Parse(await started.Content.ReadAsStringAsync(Ct));
            world.session = json.RootElement.GetProperty("sessionId").GetGuid();
            world.SessionToken = json.RootElement.GetProperty("token").GetString()!;
            return world;
        }

        public string Fill(string sample) => sample
            .Replace("{openStudy}", openStudy.ToString()).Replace("{study}", closedStudy.ToString())
            .Replace("{openStimulus}", openStimulus.ToString()).Replace("{stimulus}", closedStimulus.ToString())
            .Replace("{session}", session.ToString());

        public async Task<HttpClient> ClientForAsync(Persona persona)
        {
            var client = app.CreateClient();
            if (persona is Persona.Anonymous or Persona.Participant) return client;
            var outcome = await SignIn.PostAsync(client, Email(persona), StaffUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
            return client;
        }
    }
}

namespace AligNet.Web.Access;

/// <summary>Who may use a route. Object-level audiences are decided by <see cref="Data.Access.StaffAccess"/>.</summary>
public enum Audience
{
    /// <summary>Everyone, signed in or not.</summary>
    Anyone,

    /// <summary>Whoever holds the participant session's secret (Authorization: Bearer).</summary>
    SessionHolder,

    /// <summary>Any signed-in researcher or admin; what they see inside is limited to what they may read.</summary>
    Staff,

    /// <summary>Admins and the study's owner, editors and viewers; to everyone else the study does not exist.</summary>
    StudyViewer,

    /// <summary>Admins and the study's owner and editors.</summary>
    StudyEditor,

    /// <summary>Admins only.</summary>
    Admin,
}

/// <summary>
/// One line of the access policy. <see cref="Pattern"/> is the endpoint's route pattern as mapped (or a prefix ending
/// in <c>/**</c> for static files); <see cref="Method"/> <c>*</c> stands for every method. <see cref="Sample"/> is a
/// request that exercises the rule, with placeholders {study}, {openStudy}, {session}, {stimulus}, {openStimulus}
/// (a study that is not open and one that is, a participant session, stimuli of their sets); null for prefix rules,
/// whose every file is requested.
/// </summary>
public sealed record RouteRule(string Method, string Pattern, Audience Audience, string? Sample, string Why, string? Body = null);

/// <summary>
/// THE statement of who may reach which route (ADR-011). The route-walking test enumerates every endpoint the app maps
/// and fails for any route without a line here, then requests each line's sample as anonymous visitor, participant,
/// study owner, editor, viewer, a researcher stranger to the study, and admin, and compares allow/deny with this table.
/// Enforcement stays where ASP.NET Core puts it ([Authorize] on pages, RequireAuthorization on endpoint groups, and
/// <see cref="Data.Access.StaffAccess"/> for objects); this table is what they must add up to.
/// </summary>
public static class RouteAccessPolicy
{
    public static IReadOnlyList<RouteRule> Rules { get; } =
    [
        // Public pages and plumbing.
        new("*", "/", Audience.Anyone, "/", "start page; staff links only for staff"),
        new("*", "/error", Audience.Anyone, "/error", "error page, shows only a request id"),
        new("*", "/not-found", Audience.Anyone, "/not-found", "not-found page"),
        new("*", "/account/login", Audience.Anyone, "/account/login", "staff sign-in form (throttled per address)"),
        new("*", "/account/denied", Audience.Anyone, "/account/denied", "access-denied page"),
        new("POST", "/account/logout", Audience.Anyone, "/account/logout", "sign-out; a form post with antiforgery token"),
        new("*", "/health", Audience.Anyone, "/health", "load balancers and operators"),
        new("*", "/take/{StudyId:guid}", Audience.Anyone, "/take/{openStudy}", "participants have no account; only open studies start"),
        new("GET", "/_framework/opaque-redirect", Audience.Anyone, "/_framework/opaque-redirect", "Blazor navigation plumbing"),
        new("*", "/_blazor", Audience.Anyone, "/_blazor", "Blazor circuit; each component checks the circuit's user"),
        new("*", "/_blazor/negotiate", Audience.Anyone, "/_blazor/negotiate", "Blazor circuit"),
        new("*", "/_blazor/disconnect/", Audience.Anyone, "/_blazor/disconnect/", "Blazor circuit"),
        new("*", "/_blazor/initializers/", Audience.Anyone, "/_blazor/initializers/", "Blazor circuit"),
        new("*", "/_framework/**", Audience.Anyone, null, "framework scripts"),
        new("*", "/_content/**", Audience.Anyone, null, "package assets (MudBlazor)"),
        new("*", "/css/**", Audience.Anyone, null, "site styles"),
        new("*", "/js/**", Audience.Anyone, null, "participant scripts; dashboards' hover-image module"),
        new("*", "/{**path:file}", Audience.Anyone, "/css/site.css", "static files of wwwroot"),

        // Participants: a session is opened by anyone for an open study, then used with its secret.
        new("POST", "/api/participate/studies/{studyId:guid}/sessions", Audience.Anyone, "/api/participate/studies/{openStudy}/sessions",
            "opens a session in an open study", """{"parameters": {}, "token": null}"""),
        new("GET", "/api/participate/sessions/{sessionId:guid}", Audience.SessionHolder, "/api/participate/sessions/{session}", "the participant's own session"),
        new("POST", "/api/participate/sessions/{sessionId:guid}/consent", Audience.SessionHolder, "/api/participate/sessions/{session}/consent",
            "consent", """{"accepted": true}"""),
        new("GET", "/api/participate/sessions/{sessionId:guid}/trials", Audience.SessionHolder, "/api/participate/sessions/{session}/trials?from=0&count=5", "trials"),
        new("POST", "/api/participate/sessions/{sessionId:guid}/responses", Audience.SessionHolder, "/api/participate/sessions/{session}/responses", "answers",
            """{"id": "00000000-0000-0000-0000-000000000001", "trialId": "00000000-0000-0000-0000-000000000002", "chosenPosition": 0, "input": "Keyboard", "onsetTimeMs": 1000.0, "responseTimeMs": 2500.0, "refreshIntervalMs": 16.7, "focusLost": false, "fullscreenExits": 0}"""),
        new("POST", "/api/participate/sessions/{sessionId:guid}/complete", Audience.SessionHolder, "/api/participate/sessions/{session}/complete", "completion"),
        new("POST", "/api/participate/sessions/{sessionId:guid}/screen-out", Audience.SessionHolder, "/api/participate/sessions/{session}/screen-out",
            "screen-out (ends the session: walked last)", """{"reason": "route walk"}"""),

        // Stimulus images: public while a study using the set is open, else for staff who may see the set.
        new("GET", "/api/stimuli/{stimulusId:guid}/image", Audience.Anyone, "/api/stimuli/{openStimulus}/image?w=160", "image of a set an open study uses"),
        new("GET", "/api/stimuli/{stimulusId:guid}/image", Audience.StudyViewer, "/api/stimuli/{stimulus}/image?w=160",
            "image of a set no open study uses: staff who may see the set (here: through the study)"),

        // Staff: lists show only what the caller may read.
        new("*", "/research/studies", Audience.Staff, "/research/studies", "the caller's studies"),
        new("*", "/research/studies/new", Audience.Staff, "/research/studies/new", "any researcher creates studies (and owns them)"),
        new("*", "/research/stimulus-sets", Audience.Staff, "/research/stimulus-sets", "sets the caller may use; imports become theirs"),
        new("*", "/research/teachers", Audience.Staff, "/research/teachers", "teachers of sets the caller may use; admins schedule and promote"),
        new("*", "/research/models", Audience.Staff, "/research/models", "teachers of sets the caller may use, over time, and their evaluations"),
        new("*", "/research/runs", Audience.Staff, "/research/runs", "background runs and their progress; only admins start or cancel"),
        new("*", "/research/runs/timeline", Audience.Staff, "/research/runs/timeline", "runs over time and their curves (sets the caller may see)"),
        new("*", "/research/sampling", Audience.Staff, "/research/sampling", "adaptive vs random sampling: published simulation results (files) and, with ?study=, a visible adaptive study's arms (StaffAccess)"),
        new("*", "/account/password", Audience.Staff, "/account/password", "own password"),
        new("GET", "/api/exports/data-dictionary", Audience.Staff, "/api/exports/data-dictionary", "column descriptions"),
        new("GET", "/api/exports/responses", Audience.Staff, "/api/exports/responses?format=csv", "without study=: the caller's studies only"),
        new("GET", "/api/metrics/participant-api/", Audience.Staff, "/api/metrics/participant-api/", "latency figures, no personal data"),
        new("POST", "/api/metrics/participant-api/reset", Audience.Staff, "/api/metrics/participant-api/reset", "starts a new latency period"),

        // One study: its members and admins.
        new("*", "/research/studies/{Id:guid}", Audience.StudyViewer, "/research/studies/{study}", "study page, sessions, sharing"),
        new("GET", "/api/exports/responses", Audience.StudyViewer, "/api/exports/responses?study={study}&format=csv", "one study's responses"),
        new("*", "/research/studies/{Id:guid}/collection", Audience.StudyViewer, "/research/studies/{study}/collection", "collection dashboard of one study"),
        new("*", "/research/studies/{Id:guid}/edit", Audience.StudyEditor, "/research/studies/{study}/edit", "study editor"),

        // Admins.
        new("*", "/admin/users", Audience.Admin, "/admin/users", "staff accounts"),
        new("*", "/admin/system", Audience.Admin, "/admin/system", "health, job servers"),
        new("*", "/admin/audit", Audience.Admin, "/admin/audit", "audit log"),
        new("*", "/admin/schedules", Audience.Admin, "/admin/schedules", "recurring pipelines and data triggers"),
        new("*", "/hangfire/{**path}", Audience.Admin, "/hangfire/jobs/enqueued", "job dashboard"),
    ];

    /// <summary>The lines that cover a mapped route.</summary>
    public static IReadOnlyList<RouteRule> For(string method, string pattern) =>
        [.. Rules.Where(r => (r.Method == "*" || r.Method == method) && Matches(r.Pattern, pattern))];

    private static bool Matches(string rule, string pattern) =>
        rule.EndsWith("/**", StringComparison.Ordinal) ? pattern.StartsWith(rule[..^2], StringComparison.Ordinal) : rule == pattern;
}

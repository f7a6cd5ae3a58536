namespace AligNet.Data.Dashboards;

/// <summary>
/// The SQL that both <see cref="DashboardFold"/> (which writes it into the aggregates) and <see cref="CollectionQuery"/>
/// (which adds it to them when the page is read) use for "what the aggregates do not hold yet" (ADR-024):
/// <list type="bullet">
/// <item>window rows: responses received in [from, to), counted with the session's current QC verdict;</item>
/// <item>flip rows: responses already folded (received before from) of sessions whose inclusion changed since their
/// fold — counted +1 when the session is now included, −1 when it is now excluded, and only in the figures that
/// depend on inclusion (<c>scored_sign</c>; <c>all_sign</c> is 0 for them).</item>
/// </list>
/// One definition, so the fold and the page can never disagree about which responses count.
/// </summary>
internal static class DashboardDeltaSql
{
    /// <summary>Scored (QC-dependent) figures count sessions QC did not exclude.</summary>
    private const string Included = """(s."Qc" <> 'Excluded')""";

    private const string Columns = """
        s."StudyId" AS study, r."SessionId" AS session, coalesce(t."Condition", t."Kind") AS level, t."Kind" AS kind,
        r."RtMs" AS rt, r."ChosenPosition" IS NOT NULL AS answered,
        t."Stimulus0Id" AS s0, t."Stimulus1Id" AS s1, t."Stimulus2Id" AS s2, r."ChosenStimulusId" AS chosen, r."ReceivedAt" AS received, t."Arm" AS arm,
        t."TeacherVersionId" AS teacher
        """;

    /// <summary>
    /// Sessions whose QC inclusion changed since their fold (column <c>id</c>). Read first and passed to
    /// <see cref="Rows"/> as an array: the planner cannot estimate this comparison across two tables and would plan
    /// for thousands of sessions (a scan of every response) where there are usually none.
    /// </summary>
    public static string Flipped(string? study) => $"""
        SELECT l."SessionId" AS "Value" FROM alignet.dashboard_session_stats l JOIN alignet.sessions s ON s."Id" = l."SessionId"
        WHERE l."Included" <> {Included}{(study is null ? "" : $" AND l.\"StudyId\" = {study}")}
        """;

    /// <summary>
    /// The signed rows. <paramref name="from"/> and <paramref name="to"/> are SQL expressions; <paramref name="study"/>
    /// (an SQL expression or null for every study) limits them to one study; <c>@flipped</c> is the uuid[] of
    /// <see cref="Flipped"/>.
    /// </summary>
    public static string Rows(string from, string to, string? study) => $"""
        SELECT {Columns}, 1 AS all_sign, CASE WHEN {Included} THEN 1 ELSE 0 END AS scored_sign
        FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
        WHERE r."ReceivedAt" >= {from} AND r."ReceivedAt" < {to}{(study is null ? "" : $" AND s.\"StudyId\" = {study}")}
        UNION ALL
        SELECT {Columns}, 0, CASE WHEN {Included} THEN 1 ELSE -1 END
        FROM alignet.responses r JOIN alignet.sessions s ON s."Id" = r."SessionId" JOIN alignet.trials t ON t."Id" = r."TrialId"
        WHERE r."SessionId" = ANY(@flipped) AND r."ReceivedAt" < {from}
        """;

    /// <summary>
    /// Answered main trials per arm (adaptive studies, ADR-021) and UTC hour, from CTE <c>delta</c>: counted whatever
    /// QC says (as the Sampling page always counted them), so only window rows move them.
    /// </summary>
    public const string ArmHours = """
        SELECT study, date_trunc('hour', received AT TIME ZONE 'UTC') AS hour, arm, sum(all_sign) AS n
        FROM delta WHERE all_sign <> 0 AND kind = 'Main' AND answered AND arm IS NOT NULL GROUP BY 1, 2, 3
        """;

    /// <summary>Answered adaptive main trials per teacher version that chose them (from CTE <c>delta</c>), whatever QC says.</summary>
    public const string ArmTeachers = """
        SELECT study, teacher, sum(all_sign) AS n
        FROM delta WHERE all_sign <> 0 AND kind = 'Main' AND answered AND arm = 'Adaptive' AND teacher IS NOT NULL GROUP BY 1, 2
        """;

    /// <summary>Per unordered stimulus pair of answered main trials, the change of its count (from CTE <c>delta</c>).</summary>
    public const string PairDelta = """
        SELECT study, least(p.a, p.b) AS lo, greatest(p.a, p.b) AS hi, sum(scored_sign)::int AS n
        FROM delta, LATERAL (VALUES (s0, s1), (s0, s2), (s1, s2)) AS p(a, b)
        WHERE kind = 'Main' AND answered AND scored_sign <> 0
        GROUP BY 1, 2, 3 HAVING sum(scored_sign) <> 0
        """;

    /// <summary>
    /// Per triplet (its stimuli sorted: x &lt; y &lt; z) of answered main trials and repeat probes, the change of how
    /// often each was chosen as the odd one out (from CTE <c>delta</c>).
    /// </summary>
    public const string TripletDelta = """
        SELECT study, x, y, z, sum(CASE WHEN chosen = x THEN scored_sign ELSE 0 END)::int AS dx,
               sum(CASE WHEN chosen = y THEN scored_sign ELSE 0 END)::int AS dy, sum(CASE WHEN chosen = z THEN scored_sign ELSE 0 END)::int AS dz
        FROM (SELECT study, chosen, scored_sign, least(s0, s1, s2) AS x,
                     greatest(least(s0, s1), least(greatest(s0, s1), s2)) AS y, greatest(s0, s1, s2) AS z
              FROM delta WHERE kind IN ('Main', 'RepeatProbe') AND chosen IS NOT NULL AND scored_sign <> 0) AS sorted
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>
    /// A triplet's contribution to the noise ceiling from its choice counts: (majority share if answered ≥ 2 times,
    /// 1 if answered ≥ 2 times, 1 if answered at all) — summed, they give mean share, repeated and all triplets.
    /// </summary>
    public static string CeilingTerms(string x, string y, string z) => $"""
        CASE WHEN {x} + {y} + {z} >= 2 THEN greatest({x}, {y}, {z})::float8 / ({x} + {y} + {z}) ELSE 0 END,
        CASE WHEN {x} + {y} + {z} >= 2 THEN 1 ELSE 0 END, CASE WHEN {x} + {y} + {z} >= 1 THEN 1 ELSE 0 END
        """;

    /// <summary>The histogram moves of pairs whose count went from <c>old</c> to <c>new</c> (CTE <c>moves</c>).</summary>
    public const string HistogramChanges = """
        SELECT study, shown, sum(change)::int AS change
        FROM (SELECT study, old AS shown, -1 AS change FROM moves WHERE old > 0
              UNION ALL SELECT study, new, 1 FROM moves WHERE new > 0) AS m
        GROUP BY 1, 2 HAVING sum(change) <> 0
        """;

    /// <summary>A session's median RT over its answered, non-practice responses received before <paramref name="to"/>.</summary>
    public static string MedianRt(string session, string to) => $"""
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY r."RtMs")
         FROM alignet.responses r JOIN alignet.trials t ON t."Id" = r."TrialId"
         WHERE r."SessionId" = {session} AND r."ReceivedAt" < {to} AND r."ChosenPosition" IS NOT NULL AND t."Kind" <> 'Practice')
        """;

    /// <summary>
    /// A session's repeat probes and how many chose the stimulus chosen at the original trial, both answers received
    /// before <paramref name="to"/>: columns probes, same.
    /// </summary>
    public static string Consistency(string session, string to) => $"""
        SELECT count(*)::int AS probes, count(*) FILTER (WHERE rp."ChosenStimulusId" = ro."ChosenStimulusId")::int AS same
        FROM alignet.trials p
        JOIN alignet.responses rp ON rp."TrialId" = p."Id"
        JOIN alignet.trials o ON o."SessionId" = p."SessionId" AND o."Index" = p."RepeatOfIndex"
        JOIN alignet.responses ro ON ro."TrialId" = o."Id"
        WHERE p."SessionId" = {session} AND p."Kind" = 'RepeatProbe' AND rp."ChosenStimulusId" IS NOT NULL AND ro."ChosenStimulusId" IS NOT NULL
          AND rp."ReceivedAt" < {to} AND ro."ReceivedAt" < {to}
        """;
}

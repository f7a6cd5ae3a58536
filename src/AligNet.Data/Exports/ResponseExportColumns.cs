namespace AligNet.Data.Exports;

/// <summary>The data dictionary: every exported column, its type and meaning. CSV and Parquet share these names.</summary>
public static class ResponseExportColumns
{
    public sealed record Column(string Name, string Type, string Meaning);

    public static readonly IReadOnlyList<Column> All =
    [
        new("study_id", "uuid", "Study the trial belongs to."),
        new("study", "text", "Study name."),
        new("session_id", "uuid", "One participant taking the study once."),
        new("participant", "text", "Pseudonym of the participant: p- and 16 hex digits, a keyed hash (HMAC-SHA256 with a server secret, per study) of the recruitment platform's id (e.g. PROLIFIC_PID) or of the id issued for a direct link. The same person keeps the same pseudonym in every export of a study; it differs between studies and cannot be turned back into the platform's id. Admins may ask for the platform's ids (rawIds=true, recorded in the audit log)."),
        new("source", "text", "Recruitment source: DirectLink, Prolific or MTurk."),
        new("qc_status", "text", "Session quality verdict: Pending, Valid, Flagged or Excluded. Excluded data are exported but left out of training and metrics."),
        new("trial_index", "integer", "0-based order of the trial within the session (practice trials first)."),
        new("block", "integer", "Block number within the session."),
        new("kind", "text", "Practice, Main, Catch (attention check) or RepeatProbe (within-person consistency)."),
        new("stimulus_left", "uuid", "Stimulus shown at position 0 (left)."),
        new("stimulus_middle", "uuid", "Stimulus shown at position 1 (middle)."),
        new("stimulus_right", "uuid", "Stimulus shown at position 2 (right)."),
        new("index_left", "integer", "0-based index of the left stimulus in the study's stimulus set (the row of its embedding)."),
        new("index_middle", "integer", "Same, middle stimulus."),
        new("index_right", "integer", "Same, right stimulus."),
        new("chosen_position", "integer or empty", "Position chosen as the odd one out (0 left, 1 middle, 2 right); empty when the time limit passed."),
        new("chosen_stimulus", "uuid or empty", "Stimulus chosen as the odd one out; empty on timeout."),
        new("rt_ms", "number", "Reaction time in milliseconds: response_ms − onset_ms, measured in the browser."),
        new("onset_ms", "number", "Stimulus onset: when the three decoded images were painted (browser performance.now(), ms); how it was taken is in onset_method."),
        new("response_ms", "number", "Timestamp of the input event on the same clock (ms)."),
        new("input", "text", "Keyboard, Mouse, Touch, or Timeout."),
        new("focus_lost", "boolean", "The page lost focus during the trial."),
        new("fullscreen_exits", "integer", "How often the participant left fullscreen during the trial."),
        new("received_at", "timestamp (UTC, ISO 8601)", "When the server stored the response."),
        new("onset_method", "text", "How onset_ms was taken: ElementTiming (the paint of the last of the three images as the browser reports it, Element Timing renderTime; Chromium-based browsers), SecondAnimationFrame (fallback where the browser reports no paint: start of the second animation frame after insertion), FirstAnimationFrame (responses stored before this column existed: first animation frame after insertion, up to ~40 ms before the paint), NotReported (a client without a screen, e.g. the bots)."),
        new("arm", "text or empty", "Adaptive studies only (ADR-021), main trials: Random (the seeded coin chose the random arm: balanced random), Adaptive (popped from the study's queue of triplets the teacher was least sure about) or Fallback (the coin chose the adaptive arm but the queue was empty, e.g. before the first teacher: balanced random). Empty for other studies and for practice, catch and repeat-probe trials. Analyses that need an unbiased sample use the Random rows."),
        new("teacher_version_id", "uuid or empty", "For Adaptive trials: the teacher model version whose scores put the triplet in the queue."),
    ];

    /// <summary>The dictionary as Markdown, written beside every export.</summary>
    public static string Markdown()
    {
        var lines = new List<string> { "# Responses export: data dictionary", "", "| column | type | meaning |", "|---|---|---|" };
        lines.AddRange(All.Select(c => $"| {c.Name} | {c.Type} | {c.Meaning} |"));
        lines.Add("");
        // odd-last is the THINGS triplet layout that alignet eval, the teacher and outside tools read by position: a
        // sixth column would be refused (or read as a reaction time), so the arm travels by row order instead (ADR-021).
        lines.Add("The odd-last export (i j k subject, k the odd one out) is a fixed triplet format: it carries none of the columns " +
                  "above beyond the indices and the subject, in particular no arm or teacher_version_id. Its lines are, one for one " +
                  "and in the same order, the rows of a CSV or Parquet export of the same study taken at the same time whose " +
                  "qc_status is not Excluded and whose chosen_position is not empty: take each line's arm from there (e.g. to " +
                  "keep only the Random arm's unbiased sample).");
        lines.Add("");
        lines.Add("In CSV, a text cell that starts with =, +, -, @, a tab or a carriage return is written with a leading ' so " +
                  "that spreadsheet programs show it as text instead of running it as a formula (OWASP CSV injection rule).");
        return string.Join('\n', lines) + "\n";
    }
}

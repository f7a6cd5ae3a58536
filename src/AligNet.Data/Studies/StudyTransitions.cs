using AligNet.Domain.Studies;

namespace AligNet.Data.Studies;

/// <summary>
/// Which state changes a study allows: Draft → Open, Open ↔ Paused, Open/Paused → Closed. Closed is final, so the
/// data of a closed study can be trusted not to grow; a draft that never opened is simply left as a draft.
/// </summary>
public static class StudyTransitions
{
    public static bool IsAllowed(StudyState from, StudyState to) => (from, to) switch
    {
        (StudyState.Draft, StudyState.Open) => true,
        (StudyState.Open, StudyState.Paused) => true,
        (StudyState.Paused, StudyState.Open) => true,
        (StudyState.Open or StudyState.Paused, StudyState.Closed) => true,
        _ => false,
    };

    public static IReadOnlyList<StudyState> From(StudyState from) =>
        [.. Enum.GetValues<StudyState>().Where(to => IsAllowed(from, to))];

    /// <summary>The button text for a change, as researchers read it.</summary>
    public static string Verb(StudyState from, StudyState to) => (from, to) switch
    {
        (StudyState.Paused, StudyState.Open) => "Resume",
        (_, StudyState.Open) => "Open",
        (_, StudyState.Paused) => "Pause",
        (_, StudyState.Closed) => "Close",
        _ => to.ToString(),
    };
}

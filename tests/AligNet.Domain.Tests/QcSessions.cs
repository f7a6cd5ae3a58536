using AligNet.Domain.Participation;
using AligNet.Domain.Quality;

namespace AligNet.Domain.Tests;

/// <summary>Builds sessions as quality control sees them: a list of trials, appended in order.</summary>
internal sealed class QcSessions
{
    private readonly List<QcTrial> _trials = [];

    public IReadOnlyList<QcTrial> Trials => _trials;

    private QcSessions Add(TrialKind kind, bool answered, int? expected, int? chosen, double? rt, bool focusLost = false, int? repeatOf = null, Guid? stimulus = null)
    {
        _trials.Add(new QcTrial(_trials.Count, kind, answered, expected, chosen, stimulus ?? (chosen is { } c ? new Guid(c + 1, 0, 0, new byte[8]) : null), rt, focusLost, repeatOf));
        return this;
    }

    /// <summary>Main trials answered in turn at positions 0, 1, 2, 0, … (no bias) with the given RTs.</summary>
    public QcSessions Main(params double[] rts)
    {
        foreach (var rt in rts) Add(TrialKind.Main, true, null, _trials.Count % 3, rt);
        return this;
    }

    public QcSessions Main(int count, double rt) => Main(Enumerable.Repeat(rt, count).ToArray());

    public QcSessions AnsweredAt(int position, int count, double rt = 2500)
    {
        for (var i = 0; i < count; i++) Add(TrialKind.Main, true, null, position, rt);
        return this;
    }

    public QcSessions Missed(int count)
    {
        for (var i = 0; i < count; i++) Add(TrialKind.Main, true, null, null, 15_000);
        return this;
    }

    public QcSessions Unanswered(int count, TrialKind kind = TrialKind.Main)
    {
        for (var i = 0; i < count; i++) Add(kind, false, kind == TrialKind.Catch ? 1 : null, null, null);
        return this;
    }

    public QcSessions Catch(int correct, int wrong, int missed = 0)
    {
        for (var i = 0; i < correct; i++) Add(TrialKind.Catch, true, 2, 2, 2000);
        for (var i = 0; i < wrong; i++) Add(TrialKind.Catch, true, 2, 0, 2000);
        for (var i = 0; i < missed; i++) Add(TrialKind.Catch, true, 2, null, 15_000);
        return this;
    }

    public QcSessions Practice(int count, double rt = 100)
    {
        for (var i = 0; i < count; i++) Add(TrialKind.Practice, true, 0, 1, rt);
        return this;
    }

    public QcSessions FocusLost(int count)
    {
        for (var i = 0; i < count; i++) Add(TrialKind.Main, true, null, _trials.Count % 3, 2500, focusLost: true);
        return this;
    }

    /// <summary>A main trial answered with <paramref name="first"/> and its repeat answered with <paramref name="second"/>.</summary>
    public QcSessions RepeatPair(Guid first, Guid second)
    {
        var original = _trials.Count;
        Add(TrialKind.Main, true, null, 0, 2500, stimulus: first);
        Add(TrialKind.RepeatProbe, true, null, 1, 2500, repeatOf: original, stimulus: second);
        return this;
    }
}

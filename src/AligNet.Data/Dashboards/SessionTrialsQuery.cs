using AligNet.Domain.Participation;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Data.Dashboards;

/// <summary>The drill-down of the collection dashboard: one session's trials in order, with what was shown and chosen.</summary>
public static class SessionTrialsQuery
{
    public sealed record TrialRow(int Index, TrialKind Kind, string? Condition, string Left, string Middle, string Right,
        int? ExpectedPosition, int? RepeatOfIndex, int? ChosenPosition, string? Chosen, double? RtMs, DateTimeOffset? ReceivedAt);

    /// <summary>Empty when the session does not belong to <paramref name="studyId"/> (the page checked the study's access).</summary>
    public static Task<List<TrialRow>> LoadAsync(AligNetDbContext db, Guid studyId, Guid sessionId, CancellationToken ct = default) =>
        db.Trials.AsNoTracking()
            .Where(t => t.SessionId == sessionId && t.Session!.StudyId == studyId)
            .OrderBy(t => t.Index)
            .Select(t => new TrialRow(t.Index, t.Kind, t.Condition, t.Stimulus0!.Label, t.Stimulus1!.Label, t.Stimulus2!.Label,
                t.ExpectedPosition, t.RepeatOfIndex, t.Response!.ChosenPosition,
                db.Stimuli.Where(s => s.Id == t.Response.ChosenStimulusId).Select(s => s.Label).FirstOrDefault(),
                (double?)t.Response.RtMs, (DateTimeOffset?)t.Response.ReceivedAt))
            .ToListAsync(ct);
}

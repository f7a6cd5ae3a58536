using AligNet.Data;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;

namespace AligNet.Integration.Tests.Dashboards;

/// <summary>
/// Random but reproducible sessions for the aggregate tests: 7 stimuli (35 triplets, so triplets and pairs repeat
/// across sessions), practice trials, timeouts, main trials in two levels and repeat probes of earlier trials, answers
/// received at chosen times; the main study's main trials carry an arm (Random, Adaptive, Fallback), adaptive ones one of two teacher versions. A second study shares the set, so that figures must stay per study.
/// </summary>
internal sealed class AggregateSeed(StimulusSet set, Guid studyId, Guid otherStudyId, Guid[] teachers)
{
    public const int Stimuli = 7;
    public Guid StudyId { get; } = studyId;
    public Guid OtherStudyId { get; } = otherStudyId;
    private readonly Random random = new(16);
    private int participants;

    public static async Task<AggregateSeed> CreateAsync(AligNetDbContext db)
    {
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "aggregates", CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < Stimuli; i++) set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"s{i}", CategoryPath = ["c"] });
        var study = new Study { Id = Guid.NewGuid(), Name = "aggregated", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow };
        var other = new Study { Id = Guid.NewGuid(), Name = "other", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow };
        var teachers = Enumerable.Range(0, 2).Select(i => new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = set.Id, Kind = ModelKind.Teacher, BaseModel = "base", BaseModelVersion = "1", DataSnapshot = "{}",
            HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "none", CreatedAt = DateTimeOffset.UtcNow.AddDays(i - 2),
        }).ToArray();
        db.AddRange(set, study, other);
        db.AddRange(teachers);
        await db.SaveChangesAsync();
        return new AggregateSeed(set, study.Id, other.Id, [.. teachers.Select(t => t.Id)]);
    }

    /// <summary>
    /// A session of <paramref name="trials"/> trials whose answers arrive <paramref name="apartMs"/> apart from
    /// <paramref name="firstAnswer"/> on; only the first <paramref name="answered"/> trials get a response (the rest are planned, not yet answered).
    /// </summary>
    public async Task<Guid> AddSessionAsync(AligNetDbContext db, QcStatus qc, DateTimeOffset firstAnswer, int trials = 14,
        int? answered = null, Guid? study = null, int apartMs = 7_000)
    {
        var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = $"agg-{participants++}", CreatedAt = firstAnswer };
        var session = new ParticipantSession
        {
            Id = Guid.NewGuid(), StudyId = study ?? StudyId, ParticipantId = participant.Id, StartedAt = firstAnswer.AddMinutes(-1),
            Status = SessionStatus.Completed, CompletedAt = firstAnswer.AddMinutes(5), Qc = qc, TotalTrials = trials,
        };
        db.AddRange(participant, session);
        var shown = new List<int[]>();
        for (var t = 0; t < trials; t++)
        {
            var kind = t < 2 ? TrialKind.Practice : t >= trials - 3 && t >= 8 ? TrialKind.RepeatProbe : TrialKind.Main;
            var repeatOf = kind == TrialKind.RepeatProbe ? 2 + random.Next(t - 6) : (int?)null;
            var items = repeatOf is { } r ? [shown[r][2], shown[r][0], shown[r][1]] : Triplet();
            shown.Add(items);
            var trial = new Trial
            {
                Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Kind = kind, RepeatOfIndex = repeatOf,
                Stimulus0Id = set.Stimuli[items[0]].Id, Stimulus1Id = set.Stimuli[items[1]].Id, Stimulus2Id = set.Stimuli[items[2]].Id,
                Condition = kind == TrialKind.Main ? (t % 2 == 0 ? "between" : "within") : null,
                // The main study samples adaptively (every arm occurs); the other study's trials have no arm.
                Arm = kind == TrialKind.Main && study is null ? (TrialArm)((t + participants) % 3) : null,
                TeacherVersionId = kind == TrialKind.Main && study is null && (t + participants) % 3 == (int)TrialArm.Adaptive ? teachers[t / 3 % 2] : null,
            };
            db.Add(trial);
            if (t >= (answered ?? trials)) continue;
            int? position = random.NextDouble() < 0.08 ? null : random.Next(3);
            db.Add(new Response
            {
                Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id, ChosenPosition = position,
                ChosenStimulusId = position is { } p ? set.Stimuli[items[p]].Id : null, Input = InputMode.Keyboard,
                OnsetTimeMs = 0, RtMs = position is null ? 15_000 : 300 + random.Next(4_000), ResponseTimeMs = 0,
                ReceivedAt = firstAnswer.AddMilliseconds(apartMs * t),
            });
        }
        await db.SaveChangesAsync();
        return session.Id;
    }

    private int[] Triplet()
    {
        var items = Enumerable.Range(0, Stimuli).OrderBy(_ => random.Next()).Take(3).ToArray();
        return items;
    }
}

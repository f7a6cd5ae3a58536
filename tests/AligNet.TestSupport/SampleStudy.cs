using AligNet.Data;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;

namespace AligNet.TestSupport;

/// <summary>
/// A small, fully known study in the database: stimuli 0–5, sessions of answered trials (the last trial of each
/// session a timeout), and optionally one QC-excluded session. Trial t of session s shows stimuli
/// (t, t+1, t+2) mod 6 and the participant picks position (s + t) mod 3.
/// </summary>
public sealed record SampleStudy(Guid StudyId, Guid StimulusSetId, IReadOnlyList<Guid> StimulusIds, IReadOnlyList<Guid> SessionIds)
{
    public const int Stimuli = 6;

    /// <param name="participantPrefix">Participant ids are this plus the session number; vary it for a second sample in one database.</param>
    public static async Task<SampleStudy> CreateAsync(AligNetDbContext db, int sessions = 3, int trialsPerSession = 5, bool excludeLast = false, string participantPrefix = "PID ")
    {
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "sample " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTimeOffset.UtcNow };
        for (var i = 0; i < Stimuli; i++)
        {
            set.Stimuli.Add(new Stimulus
            {
                Id = Guid.NewGuid(), Index = i, Label = $"item {i}", ImagePath = $"{i}.png", ContentType = "image/png",
                Sha256 = $"{i:x2}".PadLeft(64, '0'), Width = 8, Height = 8,
            });
        }
        var study = new Study { Id = Guid.NewGuid(), Name = "Sample, \"quoted\" study", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow };
        db.AddRange(set, study);

        var sessionIds = new List<Guid>();
        for (var s = 0; s < sessions; s++)
        {
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.Prolific, ExternalId = $"{participantPrefix}{s}", CreatedAt = DateTimeOffset.UtcNow };
            var session = new ParticipantSession
            {
                Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow.AddMinutes(s),
                TotalTrials = trialsPerSession,
                Qc = excludeLast && s == sessions - 1 ? QcStatus.Excluded : QcStatus.Valid,
            };
            db.AddRange(participant, session);
            sessionIds.Add(session.Id);
            for (var t = 0; t < trialsPerSession; t++)
            {
                var shown = new[] { set.Stimuli[t % Stimuli], set.Stimuli[(t + 1) % Stimuli], set.Stimuli[(t + 2) % Stimuli] };
                var trial = new Trial { Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Block = t / 10, Kind = TrialKind.Main, Stimulus0Id = shown[0].Id, Stimulus1Id = shown[1].Id, Stimulus2Id = shown[2].Id };
                var timeout = t == trialsPerSession - 1;
                var position = (s + t) % 3;
                db.Add(trial);
                db.Add(new Response
                {
                    Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id,
                    ChosenPosition = timeout ? null : position, ChosenStimulusId = timeout ? null : shown[position].Id,
                    Input = timeout ? InputMode.Timeout : InputMode.Keyboard,
                    OnsetTimeMs = 1000 + t, OnsetMethod = t % 2 == 0 ? OnsetMethod.ElementTiming : OnsetMethod.SecondAnimationFrame, ResponseTimeMs = 2000.5 + t, RtMs = 1000.5, ReceivedAt = DateTimeOffset.UtcNow,
                });
            }
        }
        await db.SaveChangesAsync();
        return new SampleStudy(study.Id, set.Id, [.. set.Stimuli.Select(x => x.Id)], sessionIds);
    }
}

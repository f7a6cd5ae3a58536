using AligNet.Data;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// Participants answering an open study on an existing stimulus set, one session per call, stored as the platform
/// stores them (participant, session, trials, responses). Each session also carries what must not count as a valid
/// response: an answered practice trial and a timed-out main trial; <c>excluded</c> marks the whole session QC-excluded.
/// </summary>
public sealed class ArrivingResponses(Guid setId)
{
    private Guid studyId;
    private List<Guid> stimuli = [];

    /// <summary>Adds one session with <paramref name="answered"/> answered main trials; returns how many of them count as valid.</summary>
    public async Task<int> SessionAsync(AligNetDbContext db, int answered, bool excluded = false)
    {
        if (studyId == Guid.Empty)
        {
            stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync();
            var study = new Study { Id = Guid.NewGuid(), Name = "arriving " + Guid.NewGuid().ToString("N")[..8], StimulusSetId = setId, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow };
            db.Add(study);
            studyId = study.Id;
        }
        var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.Prolific, ExternalId = Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        var session = new ParticipantSession
        {
            Id = Guid.NewGuid(), StudyId = studyId, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow,
            Qc = excluded ? QcStatus.Excluded : QcStatus.Valid,
        };
        db.AddRange(participant, session);
        Add(db, session.Id, 0, TrialKind.Practice, chosen: true);
        for (var t = 1; t <= answered; t++) Add(db, session.Id, t, TrialKind.Main, chosen: true);
        Add(db, session.Id, answered + 1, TrialKind.Main, chosen: false);
        await db.SaveChangesAsync();
        return excluded ? 0 : answered;
    }

    private void Add(AligNetDbContext db, Guid sessionId, int index, TrialKind kind, bool chosen)
    {
        var shown = new[] { stimuli[index % stimuli.Count], stimuli[(index + 1) % stimuli.Count], stimuli[(index + 2) % stimuli.Count] };
        var trial = new Trial { Id = Guid.NewGuid(), SessionId = sessionId, Index = index, Block = 0, Kind = kind, Stimulus0Id = shown[0], Stimulus1Id = shown[1], Stimulus2Id = shown[2] };
        db.Add(trial);
        db.Add(new Response
        {
            Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = sessionId,
            ChosenPosition = chosen ? 2 : null, ChosenStimulusId = chosen ? shown[2] : null, Input = chosen ? InputMode.Keyboard : InputMode.Timeout,
            OnsetTimeMs = 1000, OnsetMethod = OnsetMethod.ElementTiming, ResponseTimeMs = 2000.5, RtMs = 1000.5, ReceivedAt = DateTimeOffset.UtcNow,
        });
    }
}

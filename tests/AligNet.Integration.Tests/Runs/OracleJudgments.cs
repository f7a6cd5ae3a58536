using AligNet.Data;
using AligNet.Domain.Participation;
using AligNet.Evaluation.Simulation;
using AligNet.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Runs;

/// <summary>
/// Completed, QC-valid sessions of a study whose answers come from the bots' <see cref="CategoryOracle"/> (the odd
/// one out is the photograph from the most distant category, with some noise), stored as the platform stores
/// answers: participant, session, trials at random screen positions, responses. The demo set has no human data,
/// and this gives it judgments with a human-like category structure.
/// </summary>
public static class OracleJudgments
{
    /// <returns>How many answers were stored.</returns>
    public static async Task<int> AddAsync(AligNetDbContext db, Guid studyId, int sessions, int trialsPerSession, double noise, int seed, CancellationToken ct)
    {
        var setId = await db.Studies.Where(s => s.Id == studyId).Select(s => s.StimulusSetId).SingleAsync(ct);
        var stimuli = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == setId).OrderBy(s => s.Index)
            .Select(s => new { s.Id, s.CategoryPath }).ToListAsync(ct);
        var indices = Enumerable.Range(0, stimuli.Count).ToArray();
        var oracle = new CategoryOracle(noise);
        var random = new Random(seed);
        var now = DateTimeOffset.UtcNow;
        for (var s = 0; s < sessions; s++)
        {
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = $"oracle-{seed}-{s}", CreatedAt = now };
            var session = new ParticipantSession
            {
                Id = Guid.NewGuid(), StudyId = studyId, ParticipantId = participant.Id, StartedAt = now, ConsentedAt = now, CompletedAt = now,
                Status = SessionStatus.Completed, Qc = QcStatus.Valid,
            };
            db.AddRange(participant, session);
            for (var t = 0; t < trialsPerSession; t++)
            {
                int[] shown;
                do shown = random.GetItems(indices, 3); while (shown.Distinct().Count() < 3);
                var answer = oracle.Answer([.. shown.Select(i => (IReadOnlyList<string>)stimuli[i].CategoryPath)], random);
                var trial = new Trial
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Block = 1, Kind = TrialKind.Main,
                    Stimulus0Id = stimuli[shown[0]].Id, Stimulus1Id = stimuli[shown[1]].Id, Stimulus2Id = stimuli[shown[2]].Id,
                };
                db.AddRange(trial, new Response
                {
                    Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id, ChosenPosition = answer.Position,
                    ChosenStimulusId = stimuli[shown[answer.Position]].Id, Input = InputMode.Mouse,
                    OnsetTimeMs = 1000, OnsetMethod = OnsetMethod.NotReported, ResponseTimeMs = 1000 + answer.RtMs, RtMs = answer.RtMs, ReceivedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return sessions * trialsPerSession;
    }
}

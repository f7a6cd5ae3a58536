using AligNet.Data;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Participants.Planning;

/// <summary>
/// An adaptive study on the 18-stimulus participant set, a registered teacher version (a row; the planner never
/// loads the model) and, when asked, a queue holding every one of the set's 816 triplets with distinct scores.
/// </summary>
internal static class AdaptiveQueueFixture
{
    public static async Task<Study> CreateStudyAsync(TestDatabase database, double randomShare = 0.15, int trials = 20, int practice = 0, double catchShare = 0.1)
    {
        await using var db = database.CreateContext();
        return await ParticipantStudy.CreateAsync(db, configure: s =>
            (s.AdaptiveSampling, s.RandomArmShare, s.TrialsPerParticipant, s.PracticeTrials, s.CatchTrialShare, s.RepeatProbes)
                = (true, randomShare, trials, practice, catchShare, 2));
    }

    public static async Task<Guid> AddTeacherAsync(TestDatabase database, Guid setId)
    {
        await using var db = database.CreateContext();
        var version = TeacherRows.New(setId);
        db.ModelVersions.Add(version);
        await db.SaveChangesAsync();
        return version.Id;
    }

    /// <summary>Every triplet of the set, in index order, score = its rank from the top (distinct), scored by <paramref name="teacher"/>.</summary>
    public static async Task<int> FillQueueAsync(TestDatabase database, Study study, Guid teacher)
    {
        await using var db = database.CreateContext();
        var ids = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync();
        var rank = 0;
        for (var i = 0; i < ids.Count; i++)
        for (var j = i + 1; j < ids.Count; j++)
        for (var k = j + 1; k < ids.Count; k++)
        {
            db.AdaptiveQueue.Add(new AdaptiveQueueItem
            {
                StudyId = study.Id, StimulusA = ids[i], StimulusB = ids[j], StimulusC = ids[k], Score = 1_000_000 - rank++,
                TeacherVersionId = teacher, CreatedAt = DateTimeOffset.UtcNow,
            });
        }
        await db.SaveChangesAsync();
        return rank;
    }

    public static async Task<List<Trial>> MainTrialsAsync(AligNetDbContext db, Guid studyId) =>
        await db.Trials.AsNoTracking().Where(t => t.Kind == TrialKind.Main && db.Sessions.Any(s => s.Id == t.SessionId && s.StudyId == studyId)).ToListAsync();

    public static (Guid, Guid, Guid) Key(Trial t)
    {
        Guid[] s = [t.Stimulus0Id, t.Stimulus1Id, t.Stimulus2Id];
        Array.Sort(s);
        return (s[0], s[1], s[2]);
    }
}

using AligNet.Data.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Runs;
using AligNet.Domain.Studies;
using AligNet.Jobs;
using AligNet.Ml.Teacher;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Runs;

/// <summary>
/// The refill run's held-out accuracy (ADR-028) against a count made here: a real teacher trained on the circle world,
/// then sessions with Random, Adaptive and Fallback main trials answered before and after it registered, some in an
/// excluded session, some timed out. Expected: the teacher's odd one out computed here from its stored weights
/// (z = ((x − μ)/σ)·W + b, dot similarities; the most similar pair leaves the odd one), compared with the chosen
/// stimulus on the random-arm rows received after the version only.
/// </summary>
public class RandomArmAccuracyTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private RunServices services = null!;
    private Study study = null!;

    public async ValueTask InitializeAsync()
    {
        services = await RunServices.StartAsync();
        await using var db = services.Database.CreateContext();
        study = await AdaptiveCircleStudy.CreateAsync(db, services.Root, Ct);
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    private sealed record Answer(TrialArm Arm, Guid[] Shown, Guid? Chosen, DateTimeOffset At, bool Excluded);

    [Fact]
    public async Task The_refill_stores_the_teachers_accuracy_on_random_arm_answers_it_was_not_trained_on()
    {
        var launcher = services.Get<RunLauncher>();
        var teacherRun = Guid.NewGuid();
        await launcher.LaunchAsync(teacherRun, new TeacherRunParameters(study.StimulusSetId, CircleConcepts.Model, CircleConcepts.Version, 7, MaxEpochs: 5, LambdaGrid: [0.1]), "test", Ct);
        await services.Get<ITeacherTrainingJob>().RunAsync(teacherRun);
        await using var db = services.Database.CreateContext();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == teacherRun, Ct);
        var stimuli = await db.Stimuli.AsNoTracking().Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(Ct);

        // Answers of every arm: random choices (so the teacher is right on some, wrong on others), before and after
        // the version, one session excluded by QC, every seventh a time-out.
        var random = new Random(5);
        var answers = new List<Answer>();
        TrialArm[] arms = [TrialArm.Random, TrialArm.Adaptive, TrialArm.Fallback];
        for (var n = 0; n < 240; n++)
        {
            var shown = stimuli.OrderBy(_ => random.Next()).Take(3).ToArray();
            var at = version.CreatedAt.AddMinutes(n % 4 == 0 ? -30 : 1 + n % 50);
            answers.Add(new Answer(arms[n % 3 == 0 ? 0 : random.Next(3)], shown, n % 7 == 6 ? null : shown[random.Next(3)], at, Excluded: n % 9 == 4));
        }
        await SeedAsync(db, answers);

        // The refill the teacher run launched for the study scores them.
        var refill = await db.Runs.AsNoTracking().SingleAsync(r => r.Kind == RunKind.AdaptiveRefill, Ct);
        Assert.Contains("random-arm answer(s) received after it", await services.Get<IAdaptiveRefillJob>().RunAsync(refill.Id));

        // Independent count: the teacher's transform from its weights, by hand.
        var data = await TrainingDataLoader.LoadAsync(db, study.StimulusSetId, CircleConcepts.Model, CircleConcepts.Version, Ct);
        var (teacher, _) = TeacherArtifact.Load(Path.Combine(services.Artifacts, version.ArtifactPath), data.Embeddings);
        var z = Transform(teacher, data.Embeddings.Values, data.Embeddings.Rows);
        var rowOf = data.StimulusIds.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row);
        double Dot(Guid a, Guid b) => Enumerable.Range(0, teacher.Dimensions).Sum(d => z[rowOf[a], d] * z[rowOf[b], d]);
        Guid Predicted(Guid[] s)
        {
            var pairs = new[] { (Dot(s[1], s[2]), s[0]), (Dot(s[0], s[2]), s[1]), (Dot(s[0], s[1]), s[2]) };
            return pairs.MaxBy(p => p.Item1).Item2;
        }
        var counted = answers.Where(a => a.Arm == TrialArm.Random && a.Chosen is not null && !a.Excluded && a.At > version.CreatedAt).ToList();
        var correct = counted.Count(a => Predicted(a.Shown) == a.Chosen);
        Assert.InRange(correct, 1, counted.Count - 1); // a count that could go either way

        var stored = await db.Database.SqlQuery<Stored>($"""
            SELECT "Responses", "Correct", "ReceivedAfter" FROM alignet.teacher_random_arm_accuracy
            WHERE "TeacherVersionId" = {version.Id} AND "StudyId" = {study.Id}
            """).SingleAsync(Ct);
        Assert.Equal((counted.Count, correct), (stored.Responses, stored.Correct));
        Assert.Equal(version.CreatedAt, stored.ReceivedAfter);
        // Counting every arm, or the answers before the version, would give other counts (the filter matters).
        Assert.NotEqual(counted.Count, answers.Count(a => a.Chosen is not null && !a.Excluded && a.At > version.CreatedAt));
        Assert.NotEqual(counted.Count, answers.Count(a => a.Arm == TrialArm.Random && a.Chosen is not null && !a.Excluded));
    }

    private sealed record Stored(int Responses, int Correct, DateTimeOffset ReceivedAfter);

    private static double[,] Transform(TeacherModel t, double[] x, int rows)
    {
        var z = new double[rows, t.Dimensions];
        for (var r = 0; r < rows; r++)
        {
            for (var o = 0; o < t.Dimensions; o++)
            {
                var sum = t.Bias[o];
                for (var i = 0; i < t.Dimensions; i++) sum += (x[r * t.Dimensions + i] - t.Mean) / t.Deviation * t.Weight[i * t.Dimensions + o];
                z[r, o] = sum;
            }
        }
        return z;
    }

    private async Task SeedAsync(Data.AligNetDbContext db, List<Answer> answers)
    {
        foreach (var excluded in new[] { false, true })
        {
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = $"held-out-{excluded}", CreatedAt = DateTimeOffset.UtcNow };
            var session = new ParticipantSession
            {
                Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow.AddHours(-1),
                Status = SessionStatus.Completed, CompletedAt = DateTimeOffset.UtcNow, Qc = excluded ? QcStatus.Excluded : QcStatus.Valid,
            };
            db.AddRange(participant, session);
            foreach (var (a, index) in answers.Select((a, i) => (a, i)).Where(x => x.a.Excluded == excluded))
            {
                var trial = new Trial
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, Index = index, Kind = TrialKind.Main, Arm = a.Arm,
                    Stimulus0Id = a.Shown[0], Stimulus1Id = a.Shown[1], Stimulus2Id = a.Shown[2],
                };
                int? position = a.Chosen is { } c ? Array.IndexOf(a.Shown, c) : null;
                db.AddRange(trial, new Response
                {
                    Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id, ChosenPosition = position, ChosenStimulusId = a.Chosen,
                    Input = InputMode.Keyboard, RtMs = 900, ReceivedAt = a.At,
                });
            }
        }
        await db.SaveChangesAsync(Ct);
    }
}

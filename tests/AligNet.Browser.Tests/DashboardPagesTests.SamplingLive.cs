using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    private const double LiveRandomShare = 0.25;
    private static readonly (double Accuracy, int Responses)[] LiveTeachers = [(0.48, 40), (0.57, 96)];

    [Fact]
    public async Task The_sampling_page_charts_an_adaptive_studys_answered_trials_per_arm_its_random_share_and_its_teachers()
    {
        var (studyId, trials) = await SeedAdaptiveStudyAsync();

        // Independent reference: the seeded trials themselves, grouped here (answered main trials, UTC day of the answer).
        var answered = trials.Where(t => t.Answered).ToList();
        var days = answered.Select(t => t.At.UtcDateTime.Date).Distinct().Order().ToList();
        double[] PerDay(TrialArm arm) => [.. days.Select(d => (double)answered.Count(t => t.Arm == arm && t.At.UtcDateTime.Date == d))];

        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/sampling?study={studyId}");
        var arms = (await PlottedAsync(page, "chart-sampling-arms")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["Random", "Adaptive", "Fallback"], arms.Keys);
        foreach (var arm in Enum.GetValues<TrialArm>()) Assert.Equal(PerDay(arm), Ys(arms[arm.ToString()]));

        var share = await PlottedAsync(page, "chart-sampling-share");
        double[] realised = [.. days.Select(d => answered.Count(t => t.Arm == TrialArm.Random && t.At.UtcDateTime.Date == d) / (double)answered.Count(t => t.At.UtcDateTime.Date == d))];
        Assert.Equal(realised, Ys(share[0]), Tolerance);
        Assert.All(Ys(share[1]), y => Assert.Equal(LiveRandomShare, y));
        var randomTotal = answered.Count(t => t.Arm == TrialArm.Random);
        await Assertions.Expect(page.GetByTestId("sampling-share-summary")).ToContainTextAsync($"{randomTotal} of {answered.Count} answered main trials");

        // Teachers: x = platform responses of the training snapshot; y = accuracy on random-arm answers after the version
        // (only the second has one: 13 of 20), and beside it each version's own test-split accuracy.
        var teachers = await PlottedAsync(page, "chart-sampling-teachers");
        Assert.Equal([LiveTeachers[1].Responses.ToString()], Xs(teachers[0]));
        Assert.Equal([13 / 20.0], Ys(teachers[0]));
        Assert.Equal(LiveTeachers.Select(t => t.Responses.ToString()), Xs(teachers[1]));
        Assert.Equal(LiveTeachers.Select(t => t.Accuracy), Ys(teachers[1]));
        await BrowserFixture.ScreenshotAsync(page, "dashboard-sampling-live");

        // Hour buckets keep the totals; a study the caller may not see (here: none such) says so.
        await page.GotoAsync($"/research/sampling?study={studyId}&bucket=hour");
        var hourly = await PlottedAsync(page, "chart-sampling-arms");
        Assert.Equal(answered.Select(t => t.At.UtcDateTime.Date.AddHours(t.At.UtcDateTime.Hour)).Distinct().Count(), Xs(hourly[0]).Length);
        Assert.Equal(answered.Count, hourly.EnumerateArray().Sum(t => Ys(t).Sum()));
        await page.GotoAsync($"/research/sampling?study={Guid.NewGuid()}");
        await Assertions.Expect(page.GetByTestId("sampling-no-study")).ToHaveTextAsync("No such study.");
    }

    private sealed record SeededTrial(TrialArm? Arm, bool Answered, DateTimeOffset At);

    /// <summary>
    /// An adaptive study on its own set, answered two and three days ago (never today: the home page counts today's
    /// answers). Session s, main trial t: arm by t mod 4 (Random, Fallback, Adaptive, Adaptive), every fifth answer a
    /// time-out (no chosen position), plus one catch trial without arm per session.
    /// </summary>
    private async Task<(Guid StudyId, List<SeededTrial> Trials)> SeedAdaptiveStudyAsync()
    {
        await using var db = fixture.App.Database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "Sampling live set", CreatedAt = now.AddDays(-5) };
        for (var i = 0; i < 6; i++) set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"live {i}", CategoryPath = ["x"] });
        var study = new Study
        {
            Id = Guid.NewGuid(), Name = "Sampling live study", StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = now.AddDays(-4),
            AdaptiveSampling = true, RandomArmShare = LiveRandomShare,
        };
        var teachers = LiveTeachers.Select((t, i) => LiveTeacher(set.Id, t.Accuracy, t.Responses, now.AddDays(-4 + i))).ToArray();
        db.AddRange(set, study);
        db.AddRange(teachers);
        var seeded = new List<SeededTrial>();
        TrialArm[] cycle = [TrialArm.Random, TrialArm.Fallback, TrialArm.Adaptive, TrialArm.Adaptive];
        for (var s = 0; s < 4; s++)
        {
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = $"live-{s}", CreatedAt = now };
            var started = now.AddDays(s < 2 ? -3 : -2).AddHours(s % 2);
            var session = new ParticipantSession
            {
                Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = started, Status = SessionStatus.Completed,
                CompletedAt = started.AddMinutes(30), Qc = QcStatus.Valid, QcReasons = [],
            };
            db.AddRange(participant, session);
            for (var t = 0; t < 10 + 3 * s; t++)
            {
                var main = t > 0;
                TrialArm? arm = main ? cycle[t % 4] : null;
                var answeredTrial = t % 5 != 4;
                var at = started.AddMinutes(1 + t);
                var trial = new Trial
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Kind = main ? TrialKind.Main : TrialKind.Catch,
                    Stimulus0Id = set.Stimuli[t % 6].Id, Stimulus1Id = set.Stimuli[(t + 1) % 6].Id, Stimulus2Id = set.Stimuli[(t + 2) % 6].Id,
                    ExpectedPosition = main ? null : 0, Arm = arm, TeacherVersionId = arm == TrialArm.Adaptive ? teachers[1].Id : null,
                };
                db.Add(trial);
                db.Add(new Response
                {
                    Id = Guid.NewGuid(), TrialId = trial.Id, SessionId = session.Id, ChosenPosition = answeredTrial ? t % 3 : null,
                    ChosenStimulusId = answeredTrial ? set.Stimuli[(t + t % 3) % 6].Id : null, Input = InputMode.Keyboard, OnsetTimeMs = 1000,
                    ResponseTimeMs = 1800, RtMs = 800, ReceivedAt = at,
                });
                if (main) seeded.Add(new SeededTrial(arm, answeredTrial, at));
            }
        }
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO alignet.teacher_random_arm_accuracy ("TeacherVersionId", "StudyId", "Responses", "Correct", "ReceivedAfter", "ComputedAt")
            VALUES ({teachers[1].Id}, {study.Id}, 20, 13, {teachers[1].CreatedAt}, now())
            """);
        await using (var source = AligNet.Data.DataServiceCollectionExtensions.CreateDataSource(db.Database.GetConnectionString()!))
        {
            await new AligNet.Data.Dashboards.DashboardFold(source).RebuildAsync(); // answers written in the past (see DashboardSeed)
        }
        return (study.Id, seeded);
    }

    /// <summary>A teacher as the training pipeline stores it: metrics document and {snapshot:{platformResponses}}.</summary>
    private static ModelVersion LiveTeacher(Guid set, double accuracy, int responses, DateTimeOffset at)
    {
        var scores = new OddOneOutScores(100, 50, accuracy, null, null, 1.0, 0.05);
        return new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = set, Kind = ModelKind.Teacher, BaseModel = "resnet18-onnx", BaseModelVersion = "0.23.1",
            DataSnapshot = ModelDocuments.Write(new { Snapshot = new TrainingDataSnapshot(6, responses, 0, 0, []), Split = (object?)null }),
            HyperParameters = "{}", Metrics = ModelDocuments.Write(new TeacherVersionMetrics(scores, scores, scores, scores, 1.0, 1000, "cpu")),
            TrainingCurve = "[]", ArtifactPath = "none", CreatedAt = at,
        };
    }
}

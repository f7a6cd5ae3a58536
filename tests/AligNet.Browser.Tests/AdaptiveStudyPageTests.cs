using AligNet.Data.Seeding;
using AligNet.Domain.Designs;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>
/// Adaptive sampling in the real pages (ADR-021): the editor's option with its validation message, the study page's
/// queue panel (depth, teacher, trials per arm) and "Refill now" refused with the reason before any teacher exists.
/// </summary>
public class AdaptiveStudyPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_researcher_turns_on_adaptive_sampling_fixes_the_share_and_watches_the_queue_panel()
    {
        Study study;
        await using (var db = fixture.App.Database.CreateContext())
        {
            var set = new StimulusSet { Id = Guid.NewGuid(), Name = "Adaptive set " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTimeOffset.UtcNow };
            for (var i = 0; i < 12; i++)
                set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = i, Label = $"item {i}", CategoryPath = [i < 6 ? "warm" : "cold"] });
            study = DemoSeeder.DemoStudy(set.Id);
            (study.Id, study.Name, study.State) = (Guid.NewGuid(), "Adaptive study", StudyState.Draft);
            db.AddRange(set, study);
            await db.SaveChangesAsync(Ct);
        }
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, $"/research/studies/{study.Id}/edit");
        await Session.WaitUntilInteractiveAsync(page);

        await page.GetByText("Adaptive sampling", new() { Exact = true }).ClickAsync();
        var share = page.GetByLabel("Random arm (%)", new() { Exact = true });
        await Assertions.Expect(share).ToHaveValueAsync("15");
        await share.FillAsync("2");
        await Assertions.Expect(page.GetByText("Set the random-arm share between 5% and 100% (default 15%)")).ToBeVisibleAsync();
        await share.FillAsync("25");
        await Assertions.Expect(page.GetByText("Set the random-arm share between 5% and 100%")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.WaitForURLAsync($"**/research/studies/{study.Id}", Session.Wait);

        var panel = page.GetByTestId("adaptive-panel");
        await Assertions.Expect(page.GetByTestId("adaptive-state")).ToContainTextAsync("random arm 25");
        await Assertions.Expect(panel.GetByTestId("adaptive-depth")).ToHaveTextAsync("0");
        await Assertions.Expect(panel.GetByTestId("adaptive-teacher")).ToContainTextAsync("none yet");
        await page.GetByTestId("adaptive-refill").ClickAsync();
        await Assertions.Expect(page.GetByTestId("adaptive-message")).ToContainTextAsync("has no teacher yet");

        await using (var db = fixture.App.Database.CreateContext())
        {
            var stored = await db.Studies.AsNoTracking().SingleAsync(s => s.Id == study.Id, Ct);
            Assert.Equal((true, 0.25), (stored.AdaptiveSampling, stored.RandomArmShare));
            var edits = await db.AuditLog.AsNoTracking().Where(a => a.Action == "study.edit" && a.Target == $"study/{study.Id}").Select(a => a.Details).ToListAsync(Ct);
            Assert.Contains(edits, d => $"{d}".Contains("AdaptiveSampling") && $"{d}".Contains("RandomArmShare"));
            // A teacher, three queued triplets, and trials served: 3 Adaptive, 1 Random, 0 Fallback.
            var teacher = TeacherRows.New(study.StimulusSetId);
            var ids = await db.Stimuli.Where(s => s.StimulusSetId == study.StimulusSetId).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(Ct);
            db.Add(teacher);
            for (var n = 0; n < 3; n++)
                db.AdaptiveQueue.Add(new AdaptiveQueueItem { StudyId = study.Id, StimulusA = ids[n], StimulusB = ids[n + 3], StimulusC = ids[n + 6], Score = n, TeacherVersionId = teacher.Id, CreatedAt = DateTimeOffset.UtcNow });
            var participant = new Participant { Id = Guid.NewGuid(), Source = RecruitmentSource.DirectLink, ExternalId = "adaptive", CreatedAt = DateTimeOffset.UtcNow };
            var session = new ParticipantSession { Id = Guid.NewGuid(), StudyId = study.Id, ParticipantId = participant.Id, StartedAt = DateTimeOffset.UtcNow };
            db.AddRange(participant, session);
            for (var t = 0; t < 4; t++)
                db.Trials.Add(new Trial
                {
                    Id = Guid.NewGuid(), SessionId = session.Id, Index = t, Block = 1, Kind = TrialKind.Main,
                    Stimulus0Id = ids[t], Stimulus1Id = ids[t + 4], Stimulus2Id = ids[t + 8],
                    Arm = t < 3 ? TrialArm.Adaptive : TrialArm.Random, TeacherVersionId = t < 3 ? teacher.Id : null,
                });
            await db.SaveChangesAsync(Ct);
            await page.ReloadAsync();
            await Assertions.Expect(panel.GetByTestId("adaptive-depth")).ToHaveTextAsync("3");
            await Assertions.Expect(panel.GetByTestId("adaptive-teacher")).ToHaveTextAsync(teacher.Id.ToString());
            await Assertions.Expect(panel.GetByTestId("adaptive-arm-Adaptive")).ToContainTextAsync("3 (75");
            await Assertions.Expect(panel.GetByTestId("adaptive-arm-Random")).ToContainTextAsync("1 (25");
            await Assertions.Expect(panel.GetByTestId("adaptive-arm-Fallback")).ToContainTextAsync("0 (0");
        }
        await BrowserFixture.ScreenshotAsync(page, "adaptive-panel");
    }
}

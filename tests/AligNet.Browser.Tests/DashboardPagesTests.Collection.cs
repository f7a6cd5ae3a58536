using AligNet.Domain.Participation;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

public partial class DashboardPagesTests
{
    [Fact]
    public async Task The_collection_dashboard_shows_the_studys_counts_rts_coverage_consistency_and_the_noise_ceiling_of_the_evaluation_core()
    {
        var data = await SeedAsync();
        var ct = TestContext.Current.CancellationToken;
        long responses;
        double ceiling;
        await using (var db = fixture.App.Database.CreateContext())
        {
            responses = await db.Responses.CountAsync(r => db.Sessions.Any(s => s.Id == r.SessionId && s.StudyId == data.StudyId), ct);
            // The reference: the evaluation core's HumanAgreement over the scored responses, items numbered by stimulus index.
            var index = await db.Stimuli.Where(s => s.StimulusSetId == data.SetId).ToDictionaryAsync(s => s.Id, s => s.Index, ct);
            var scored = await db.Responses
                .Where(r => r.ChosenStimulusId != null && r.Trial!.Session!.StudyId == data.StudyId && r.Trial.Session.Qc != QcStatus.Excluded
                    && (r.Trial.Kind == TrialKind.Main || r.Trial.Kind == TrialKind.RepeatProbe))
                .Select(r => new { r.Trial!.Stimulus0Id, r.Trial.Stimulus1Id, r.Trial.Stimulus2Id, Odd = r.ChosenStimulusId!.Value })
                .ToListAsync(ct);
            var triplets = scored.Select(r =>
            {
                int[] others = [.. new[] { r.Stimulus0Id, r.Stimulus1Id, r.Stimulus2Id }.Where(id => id != r.Odd).Select(id => index[id])];
                return new TripletResponse(others[0], others[1], index[r.Odd]);
            });
            ceiling = HumanAgreement.From(triplets).NoiseCeiling()!.Value;
        }

        var path = $"/research/studies/{data.StudyId}/collection?bucket=hour&session={data.SessionWithProbes}";
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, path);
        await Assertions.Expect(page.GetByTestId("stat-responses")).ToHaveTextAsync(responses.ToString("N0"));
        await Assertions.Expect(page.GetByTestId("stat-noise-ceiling")).ToHaveTextAsync(ceiling.ToString("F3"));
        // Hand-worked from the seed: 6 sessions started, 5 ended (one excluded), session 4 answering a minute ago.
        await Assertions.Expect(page.GetByTestId("stat-started")).ToHaveTextAsync("6");
        await Assertions.Expect(page.GetByTestId("stat-completed")).ToHaveTextAsync("5");
        await Assertions.Expect(page.GetByTestId("stat-excluded")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("stat-active-now")).ToHaveTextAsync("1");
        // Probes of sessions 0, 2, 4 repeat the first choice, those of 1 and 3 do not (5 is excluded): 6 of 10.
        await Assertions.Expect(page.GetByTestId("ceiling-basis")).ToContainTextAsync("6 of 10 answered as the first time");

        Assert.Equal(responses, (await PlottedAsync(page, "chart-responses")).EnumerateArray().Sum(t => Ys(t).Sum()));
        var rtLevels = (await PlottedAsync(page, "chart-rt-level")).EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => Ys(t).Sum());
        Assert.Equal(new Dictionary<string, double> { ["between_class"] = 42, ["within_class"] = 42 }, rtLevels); // 7 of 14 trials each, 6 sessions

        // Each scored main trial shows 3 pairs: 5 sessions × 12 trials × 3 = 180 pair showings over the set's 36 pairs.
        var coverage = (await PlottedAsync(page, "chart-coverage"))[0];
        var pairs = Xs(coverage).Select(double.Parse).Zip(Ys(coverage)).ToList();
        Assert.Equal(36, pairs.Sum(p => p.Second));
        Assert.Equal(180, pairs.Sum(p => p.First * p.Second));
        var consistency = (await PlottedAsync(page, "chart-consistency"))[0];
        Assert.Equal(["0", "1"], Xs(consistency));
        Assert.Equal([2, 3], Ys(consistency));

        // The drill-down: session 0's 14 trials in order, with the stimuli's labels.
        await Assertions.Expect(page.GetByTestId("grid-trials").Locator("tbody tr")).ToHaveCountAsync(DashboardSeed.MainTrials + DashboardSeed.Probes);
        await Assertions.Expect(page.GetByTestId("grid-trials")).ToContainTextAsync("item 3");
        await BrowserFixture.ScreenshotAsync(page, "dashboard-collection");

        // The toggle changes the address (the permalink) and the buckets.
        await page.GetByTestId("bucket").GetByText("day").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("bucket=day") && u.Contains($"session={data.SessionWithProbes}"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("stat-responses")).ToHaveTextAsync(responses.ToString("N0"));
    }

    [Fact]
    public async Task A_researcher_who_is_no_member_of_the_study_is_told_there_is_no_such_study()
    {
        var data = await SeedAsync();
        const string email = "stranger-dash@test.local";
        await using (var db = fixture.App.Database.CreateContext())
        {
            await StaffUsers.CreateAsync(db, email, AligNet.Data.Identity.Roles.Researcher);
        }
        var page = await Session.SignedInAsync(fixture, email, StaffUsers.Password, $"/research/studies/{data.StudyId}/collection");
        await Assertions.Expect(page.GetByTestId("study-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".js-plotly-plot")).ToHaveCountAsync(0);
    }
}

using AligNet.Data.Seeding;
using AligNet.Data.Studies;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

public class DemoSeederTests
{
    [Fact]
    public async Task Seeds_the_Tux_Paint_photographs_with_their_categories_once()
    {
        if (DemoStimulusSource.Find(DemoStimulusSource.DefaultRoot).Count == 0)
        {
            Assert.Skip($"{DemoStimulusSource.DefaultRoot} is absent: apt-get install {DemoStimulusSource.DebianPackage} (deploy/test.sh does).");
        }
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var store = Directory.CreateTempSubdirectory("alignet-store-").FullName;
        var ct = TestContext.Current.CancellationToken;

        DemoSeeder.Result first, second;
        await using (var db = database.CreateContext()) first = await new DemoSeeder(db, store).SeedAsync(DemoStimulusSource.DefaultRoot, ct);
        await using (var db = database.CreateContext()) second = await new DemoSeeder(db, store).SeedAsync(DemoStimulusSource.DefaultRoot, ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.InRange(first.Stimuli, 250, 400);
        await using var check = database.CreateContext();
        var stimuli = await check.Stimuli.AsNoTracking().ToListAsync(ct);
        Assert.Equal(first.Stimuli, stimuli.Count);
        Assert.Equal(Enumerable.Range(0, stimuli.Count), stimuli.Select(s => s.Index).Order());
        Assert.All(stimuli, s => Assert.True(File.Exists(Path.Combine(store, s.ImagePath!)), s.ImagePath));
        Assert.DoesNotContain(stimuli, s => s.CategoryPath.Contains("cartoon"));
        Assert.Contains(stimuli, s => s.CategoryPath.SequenceEqual(["animals", "birds"]));
        Assert.Contains(stimuli, s => s.CategoryPath.SequenceEqual(["food", "fruit"]));
        var study = await check.Studies.AsNoTracking().SingleAsync(s => s.Name == DemoSeeder.StudyName, ct);
        Assert.Equal((StudyState.Open, 30, 3, 0.1, 2, 2), (study.State, study.TrialsPerParticipant, study.PracticeTrials, study.CatchTrialShare, study.RepeatProbes, study.Blocks));
        Assert.Equal(RecruitmentSource.DirectLink, study.Recruitment);
        Assert.NotEmpty(study.CompletionCode);
        Assert.Contains("Consent", study.ConsentMarkdown);
        Assert.Empty(await new StudyLifecycle(check).OpeningProblemsAsync(study, ct)); // passes the editor's and the design's checks
    }
}

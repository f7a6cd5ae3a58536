using System.Diagnostics;
using AligNet.Data;
using AligNet.Data.Imports;
using AligNet.Data.Studies;
using AligNet.Domain.Participation;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Studies;

/// <summary>Fixed trial lists into the real database: the Levels lists whole, and every problem with its line.</summary>
public class FixedTrialListImportTests : IAsyncLifetime
{
    private const string Header = "id,image1,image2,image3,trial,triplet_class";
    private TestDatabase database = null!;
    private readonly string folder = Directory.CreateTempSubdirectory("alignet-lists-").FullName;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static string Levels(string name)
    {
        var path = Path.Combine(RepoPaths.SharedData, "levels", name);
        if (!File.Exists(path)) Assert.Skip($"Levels trial lists not found at {path} (set ALIGNET_SHARED_DATA to the shared data folder).");
        return path;
    }

    /// <summary>A set whose stimuli carry the given file names as SourceName, and a draft study on it.</summary>
    private async Task<Guid> StudyOnAsync(IEnumerable<string> fileNames)
    {
        await using var db = database.CreateContext();
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = "images " + Guid.NewGuid().ToString("N")[..6], CreatedAt = DateTimeOffset.UtcNow };
        var index = 0;
        foreach (var name in fileNames)
        {
            set.Stimuli.Add(new Stimulus { Id = Guid.NewGuid(), Index = index++, Label = Path.GetFileNameWithoutExtension(name), SourceName = name });
        }
        var study = DemoStudyOn(set.Id);
        db.AddRange(set, study);
        await db.SaveChangesAsync();
        return study.Id;
    }

    private static Study DemoStudyOn(Guid setId)
    {
        var study = StudyDefaults.NewStudy(setId, "test");
        (study.Name, study.Blocks, study.RepeatProbes, study.CatchTrialShare) = ("lists", 1, 0, 0);
        return study;
    }

    private string Csv(string text)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N")[..8] + ".csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task The_Levels_lists_import_as_100_lists_of_330_trials()
    {
        var ct = TestContext.Current.CancellationToken;
        string[] files = [Levels("triplets_experiment_participants_0_to_49.csv"), Levels("triplets_experiment_participants_50_to_99.csv")];
        var images = files.SelectMany(f => File.ReadLines(f).Skip(1)).SelectMany(l => l.Split(',')[1..4]).Select(Path.GetFileName).Distinct().ToList();
        var studyId = await StudyOnAsync(images!);

        var clock = Stopwatch.StartNew();
        FixedTrialListImporter.Result result;
        await using (var db = database.CreateContext()) result = await new FixedTrialListImporter(db).ImportAsync(studyId, files, ct);
        clock.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"Levels import: {images.Count} images, 33,000 rows in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal((100, 330), (result.Lists, result.TrialsPerList));
        await using var check = database.CreateContext();
        var study = await check.Studies.SingleAsync(s => s.Id == studyId, ct);
        Assert.Equal((DesignKind.FixedLists, 330), (study.Design, study.TrialsPerParticipant));
        Assert.Equal(33_000, await check.FixedTrials.CountAsync(t => t.StudyId == studyId, ct));
        // List 0 is participant_0 (first appearance), in trial order; its first row as in the file.
        var first = await check.FixedTrials.Where(t => t.StudyId == studyId && t.ListNumber == 0).OrderBy(t => t.Order).FirstAsync(ct);
        var names = await check.Stimuli.Where(s => s.Id == first.Stimulus0Id || s.Id == first.Stimulus1Id || s.Id == first.Stimulus2Id)
            .ToDictionaryAsync(s => s.Id, s => s.SourceName, ct);
        Assert.Equal(["n04536866_6609.JPEG", "n03944341_9359.JPEG", "n03642806_15958.JPEG"], new[] { names[first.Stimulus0Id], names[first.Stimulus1Id], names[first.Stimulus2Id] });
        Assert.Equal((0, "between_class"), (first.Order, first.Condition));
        var list50 = await check.FixedTrials.Where(t => t.StudyId == studyId && t.ListNumber == 50).OrderBy(t => t.Order).Select(t => t.Condition).Take(3).ToListAsync(ct);
        Assert.Equal(["between_class", "class_boundary", "within_class"], list50); // participant_50, from the second file

        // A second import replaces the lists rather than adding to them.
        await using (var db = database.CreateContext()) await new FixedTrialListImporter(db).ImportAsync(studyId, [files[0]], ct);
        Assert.Equal(16_500, await check.FixedTrials.CountAsync(t => t.StudyId == studyId, ct));
    }

    [Fact]
    public async Task Every_problem_is_reported_with_its_line_and_nothing_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        var studyId = await StudyOnAsync(["a.png", "b.png", "c.png", "d.png"]);
        var file = Csv($"""
            {Header},catch
            p1,img/a.png,img/b.png,img/c.png,0,x,true
            p1,img/a.png,img/b.png,img/zebra.png,1,x,
            p1,img/a.png,img/b.png,img/d.png,0,x,0
            p2,img/a.png,img/a.png,img/c.png,0,x,
            p2,img/a.png,img/b.png,img/c.png,zero,x,
            p2,img/a.png,img/b.png,img/c.png,1,x,maybe
            """);

        await using var db = database.CreateContext();
        var error = await Assert.ThrowsAsync<ImportValidationException>(() => new FixedTrialListImporter(db).ImportAsync(studyId, [file], ct));

        Assert.Equal(
        [
            "line 3: image3 'img/zebra.png' matches no stimulus of the study's set (by file name or label).",
            "line 4: list 'p1' has trial 0 twice (first on line 2).",
            "line 5: the triplet shows the same image twice; a triplet needs three different images.",
            "line 6: trial 'zero' is not a whole number ≥ 0.",
            "line 7: catch 'maybe' is not true/false/1/0.",
        ], error.Problems.Select(p => p.ToString()));
        Assert.Equal(0, await db.FixedTrials.CountAsync(ct));
    }

    [Fact]
    public async Task Missing_columns_and_unequal_lists_are_refused_with_the_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        var studyId = await StudyOnAsync(["a.png", "b.png", "c.png", "d.png"]);
        var noTrial = Csv("id,image1,image2,image3\np1,a.png,b.png,c.png\n");
        var unequal = Csv($"{Header}\np1,a.png,b.png,c.png,0,x\np1,a.png,b.png,d.png,1,x\np2,a.png,b.png,c.png,0,x\n");

        await using var db = database.CreateContext();
        var importer = new FixedTrialListImporter(db);
        var missing = await Assert.ThrowsAsync<ImportValidationException>(() => importer.ImportAsync(studyId, [noTrial], ct));
        var lengths = await Assert.ThrowsAsync<ImportValidationException>(() => importer.ImportAsync(studyId, [unequal], ct));

        Assert.StartsWith("line 1: the header lacks the column(s) trial;", Assert.Single(missing.Problems).ToString());
        Assert.Contains("Give every list the same number of trials.", Assert.Single(lengths.Problems).Message);
    }

    [Fact]
    public async Task A_study_whose_design_is_frozen_keeps_its_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        var studyId = await StudyOnAsync(["a.png", "b.png", "c.png"]);
        await using var db = database.CreateContext();
        await db.Studies.Where(s => s.Id == studyId).ExecuteUpdateAsync(u => u.SetProperty(s => s.DesignFrozenAt, DateTimeOffset.UtcNow), ct);

        var error = await Assert.ThrowsAsync<ImportValidationException>(() =>
            new FixedTrialListImporter(db).ImportAsync(studyId, [Csv($"{Header}\np1,a.png,b.png,c.png,0,x\n")], ct));

        Assert.Contains("frozen", error.Message);
    }
}

using AligNet.Data.Imports;
using AligNet.Domain.Generation;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AligNet.Browser.Tests;

/// <summary>
/// An admin launches an image student from the runs page's form on a data set generated earlier: the options chosen
/// in the browser are the ones the run row shows and the run's stored parameters hold (real web app, worker, PostgreSQL).
/// </summary>
public class StudentLaunchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_image_student_started_from_the_form_shows_its_options_on_its_run_row()
    {
        var (setId, datasetId) = await SeedAsync();
        var page = await Session.SignedInAsync(fixture, WebApp.AdminEmail, WebApp.AdminPassword, "/research/runs");

        await Choose.OptionAsync(page, page.GetByTestId("pipeline-set"), "photos");
        await page.GetByLabel("Teacher", new() { Exact = true }).UncheckAsync();
        await page.GetByLabel("AligNet data").UncheckAsync();
        await page.GetByLabel("Student", new() { Exact = true }).CheckAsync();
        await Choose.OptionAsync(page, page.GetByTestId("pipeline-dataset"), "1,234 triplets", exact: false);
        await page.GetByLabel("Image student (trainable ResNet18)").CheckAsync();
        await page.GetByTestId("choice-train-from").GetByText("layer3", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("choice-batchnorm").GetByText("batch", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("choice-prefix-cache").GetByText("memory", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Linear head").UncheckAsync();
        await RunsPageTests.FillUntilKeptAsync(page.GetByLabel("Student steps"), "20");
        await RunsPageTests.FillUntilKeptAsync(page.GetByLabel("Learning rate"), "3e-5");
        await RunsPageTests.FillUntilKeptAsync(page.GetByLabel("Seed (empty = pipeline's)"), "7");

        // A bad value first: refused with the fix, nothing launched.
        await RunsPageTests.FillUntilKeptAsync(page.GetByLabel("Batch (triplets)"), "0");
        await Assertions.Expect(page.GetByTestId("student-problems")).ToContainTextAsync("Student batch must be from 1 to 1,000,000 triplets, not 0.");
        await page.GetByTestId("start-pipeline").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pipeline-message")).ToContainTextAsync("Not started: Student batch must be from 1");

        await RunsPageTests.FillUntilKeptAsync(page.GetByLabel("Batch (triplets)"), "16");
        await page.GetByTestId("start-pipeline").ClickAsync();
        await Assertions.Expect(page.GetByTestId("pipeline-message")).ToContainTextAsync("started: Student.");

        const string shown = "image student from layer3, no head, BatchNorm batch, memory cache; 20 steps × 16, lr 3e-05, decay 1, τ_s calibrated, jsd, seed 7";
        await Assertions.Expect(page.GetByTestId("run-settings").Filter(new LocatorFilterOptions { HasText = "image student" })).ToHaveTextAsync(shown, new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "runs-image-student");

        await using var db = fixture.App.Database.CreateContext();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Kind == RunKind.Student, Ct);
        Assert.Equal(new StudentRunParameters(setId, datasetId, "linear", "jsd", null, 1, 20, 16, 3e-5, 7, null, "layer3", LinearHead: false, "batch", "memory"),
            RunParameters.Read<StudentRunParameters>(run));
    }

    /// <summary>A set whose stimuli have images, its teacher and a complete AligNet data set (rows only: the row is what the form lists).</summary>
    private async Task<(Guid Set, Guid Dataset)> SeedAsync()
    {
        await using var db = fixture.App.Database.CreateContext();
        var setId = await new ConceptSetImporter(db).ImportAsync("photos", "", ["cat", "dog", "fish"], "test", Ct);
        await db.Stimuli.Where(s => s.StimulusSetId == setId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ImagePath, s => "photos/" + s.Label + ".png"), Ct);
        var teacher = new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = setId, Kind = ModelKind.Teacher, BaseModel = StudentSettings.ImageBaseModel, BaseModelVersion = "0.23.1",
            DataSnapshot = "{}", HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = "none", CreatedAt = DateTimeOffset.UtcNow,
        };
        var dataset = new AligNetDataset
        {
            Id = Guid.NewGuid(), StimulusSetIds = [setId], TeacherVersionId = teacher.Id, Mixture = """{"random":1}""", Parameters = "{}", ShardDirectory = "none",
            TrainingTriplets = 1234, Status = AligNetDatasetStatus.Complete, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.AddRange(teacher, dataset);
        await db.SaveChangesAsync(Ct);
        return (setId, dataset.Id);
    }
}

using AligNet.Data;
using AligNet.Domain.Generation;
using AligNet.Data.Models;
using AligNet.Data.Seeding;
using AligNet.Domain.Models;
using AligNet.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests.Runs;

/// <summary>
/// The whole AligNet loop on the demo photographs, each step a run on a real worker process: ResNet18 embeddings →
/// teacher on judgments given by the category oracle → AligNet data → student → evaluation. Small parameters, so it
/// stays around a minute on the CPU.
/// </summary>
public class DemoPipelineTests : WorkerRunTestBase
{
    /// <summary>The name ResNet18Featurizer stores its embeddings under (the web tier carries no libtorch to ask).</summary>
    private const string BaseModel = "resnet18-onnx";

    private Guid setId;
    private int judgments;

    protected override async Task SeedAsync(AligNetDbContext db)
    {
        if (DemoStimulusSource.Find(DemoStimulusSource.DefaultRoot).Count == 0)
        {
            Assert.Skip($"{DemoStimulusSource.DefaultRoot} is absent: apt-get install {DemoStimulusSource.DebianPackage} (deploy/test.sh does).");
        }
        await new DemoSeeder(db, Stimuli).SeedAsync(DemoStimulusSource.DefaultRoot, Ct);
        var study = await db.Studies.AsNoTracking().SingleAsync(s => s.Name == DemoSeeder.StudyName, Ct);
        setId = study.StimulusSetId;
        judgments = await OracleJudgments.AddAsync(db, study.Id, sessions: 40, trialsPerSession: 50, noise: 0.1, seed: 14, Ct);
    }

    [Fact]
    public async Task Embeddings_teacher_AligNet_data_student_and_evaluation_run_end_to_end_on_the_demo_photographs()
    {
        var pipelineId = Guid.NewGuid();
        await Launcher.LaunchPipelineAsync(pipelineId, setId,
        [
            new EmbeddingsRunParameters(setId),
            // Base model version "": the one the embeddings step stored.
            new TeacherRunParameters(setId, BaseModel, "", Seed: 1, MaxEpochs: 4, LambdaGrid: [0.1], Patience: 4),
            new AligNetDataRunParameters([setId], null, Count: 600, Clusters: 4, Mixture: "random=0.5,between_cluster=0.5", Validation: 60, ShardSize: 300),
            new StudentRunParameters(setId, null, Steps: 20, Batch: 64, LearningRate: 1e-3, Seed: 5, ValidateEvery: 10),
            new EvaluationRunParameters(setId, null, Bootstrap: 50, Seed: 1),
        ], "test", Ct);

        await using var worker = StartWorker();
        // ≈ 30 s on an idle machine; ResNet18 over 307 photographs took over 4 min while the shared 2-core machine ran
        // other tests' workers at load average 60, so the wait is generous (it ends as soon as the pipeline does).
        var pipeline = await WaitForAsync(r => r.IsFinished, TimeSpan.FromMinutes(10), worker, pipelineId);

        Assert.Equal(RunState.Succeeded, pipeline.State);
        await using var db = Database.CreateContext();
        var steps = await db.Runs.AsNoTracking().Where(r => r.ParentRunId == pipelineId).OrderBy(r => r.StepIndex).ToListAsync(Ct);
        Assert.Equal([RunKind.Embeddings, RunKind.Teacher, RunKind.AligNetData, RunKind.Student, RunKind.Evaluation], steps.Select(s => s.Kind));
        Assert.All(steps, s => Assert.Equal((RunState.Succeeded, 1), (s.State, s.Attempts)));
        foreach (var s in steps) TestContext.Current.TestOutputHelper?.WriteLine($"{s.Kind}: {(s.FinishedAt - s.StartedAt)?.TotalSeconds:F1} s");
        var (embeddingsStep, teacherStep, dataStep, studentStep, evaluationStep) = (steps[0], steps[1], steps[2], steps[3], steps[4]);

        // Embeddings: one 512-d ResNet18 vector per photograph, all of one version.
        var stimuli = await db.Stimuli.CountAsync(s => s.StimulusSetId == setId, Ct);
        var vectors = await db.Embeddings.AsNoTracking().Where(e => db.Stimuli.Any(s => s.Id == e.StimulusId && s.StimulusSetId == setId))
            .Select(e => new { e.Model, e.Version, e.Vector.Length }).ToListAsync(Ct);
        Assert.Equal(stimuli, vectors.Count);
        Assert.All(vectors, v => Assert.Equal((BaseModel, 512), (v.Model, v.Length)));
        var baseVersion = Assert.Single(vectors.Select(v => v.Version).Distinct());

        // Teacher: version id = its run's id, trained on those embeddings and on every oracle judgment.
        var versions = await db.ModelVersions.AsNoTracking().ToListAsync(Ct);
        var teacher = Assert.Single(versions, v => v.Kind == ModelKind.Teacher);
        Assert.Equal((teacherStep.Id, teacherStep.Id), (teacher.Id, teacherStep.ModelVersionId!.Value));
        Assert.Equal((BaseModel, baseVersion), (teacher.BaseModel, teacher.BaseModelVersion));
        var split = teacher.TeacherMetrics();
        using (var snapshot = System.Text.Json.JsonDocument.Parse(teacher.DataSnapshot))
        {
            Assert.Equal(judgments, snapshot.RootElement.GetProperty("snapshot").GetProperty("platformResponses").GetInt32());
        }
        // Chance is 1/3; the category oracle's judgments are learnable (measured: base 0.51, teacher 0.55 on 200 test responses).
        Assert.True(split.Teacher.Accuracy > 0.4, $"teacher accuracy {split.Teacher.Accuracy} on {split.Teacher.Responses} test responses (base {split.Base.Accuracy})");

        // AligNet data: id = its run's id, labelled by this pipeline's teacher, complete, shards on disk.
        var dataset = await db.AligNetDatasets.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((dataStep.Id, teacher.Id, AligNetDatasetStatus.Complete, 600L), (dataset.Id, dataset.TeacherVersionId, dataset.Status, dataset.TrainingTriplets));
        Assert.True(File.Exists(Path.Combine(Artifacts, dataset.ShardDirectory, "manifest.json")));

        // Student: id = its run's id, trained on that data set.
        var student = Assert.Single(versions, v => v.Kind == ModelKind.Student);
        Assert.Equal((studentStep.Id, studentStep.Id), (student.Id, studentStep.ModelVersionId!.Value));
        Assert.Contains(dataset.Id.ToString(), student.DataSnapshot);
        // τ_s left empty is calibrated to the features' scale: ResNet18's ‖x‖² ≈ 1,200 × the fitted base temperature
        // (≈ 0.1–0.2), where τ_s = 1 would saturate q; and on that scale 20 steps lower the validation loss.
        var tau = System.Text.Json.JsonDocument.Parse(student.HyperParameters).RootElement.GetProperty("options").GetProperty("temperature").GetDouble();
        Assert.InRange(tau, 50, 1000);
        var studentMetrics = System.Text.Json.JsonDocument.Parse(student.Metrics).RootElement;
        Assert.True(studentMetrics.GetProperty("final").GetProperty("validationLoss").GetDouble() < studentMetrics.GetProperty("initial").GetProperty("validationLoss").GetDouble(),
            student.Metrics);

        // Evaluation: id = its run's id, of the pipeline's teacher.
        var evaluation = await db.ModelEvaluations.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((evaluationStep.Id, teacher.Id, teacher.Id), (evaluation.Id, evaluation.ModelVersionId, evaluationStep.ModelVersionId!.Value));

        // Nothing half-registered: two versions, each with its artifact folder; no checkpoints or partial folders left.
        Assert.Equal(2, versions.Count);
        Assert.All(versions, v => Assert.NotEmpty(Directory.GetFiles(Path.Combine(Artifacts, v.ArtifactPath!))));
        Assert.Equal([teacher.ArtifactPath], Directory.GetDirectories(Path.Combine(Artifacts, "teachers")).Select(d => Path.GetRelativePath(Artifacts, d)));
        Assert.Equal([student.ArtifactPath], Directory.GetDirectories(Path.Combine(Artifacts, "students")).Select(d => Path.GetRelativePath(Artifacts, d)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(Artifacts, student.ArtifactPath!), "checkpoints"));
        Assert.Empty(Directory.EnumerateFiles(Artifacts, "*.tmp", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(Artifacts, "checkpoints", "teachers", teacher.Id.ToString("N"))));
    }
}

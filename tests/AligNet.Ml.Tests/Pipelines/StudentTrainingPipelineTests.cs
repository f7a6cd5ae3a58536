using System.Text.Json;
using AligNet.Domain.Models;
using AligNet.Ml.Students;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Students;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// A student from the database: <see cref="CircleConcepts"/> → active teacher → AligNet data set row → a model version
/// of kind Student with its data set, base model, options, seed, curve, metrics and an artifact that loads.
/// </summary>
public class StudentTrainingPipelineTests : CircleTeacherTestBase
{
    [Fact]
    public async Task Records_a_student_model_version_with_its_data_set_and_artifact_and_a_rerun_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(datasetId, [setId], null, Count: 600, Clusters: 4, Mixture: "random=1", Seed: 3, Validation: 60), ct: ct);
        var options = new StudentOptions { Steps = 20, Batch = 64, LearningRate = 0.02, ValidateEvery = 10, Seed = 5 };
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, options, "test");

        var version = await new StudentTrainingPipeline(db, artifacts).TrainAsync(request, ct: ct);

        var stored = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Id == request.StudentId, ct);
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        Assert.Equal(ModelKind.Student, stored.Kind);
        Assert.Equal((teacher.BaseModel, teacher.BaseModelVersion, 5), (stored.BaseModel, stored.BaseModelVersion, stored.Seed));
        Assert.False(stored.IsActive);
        var snapshot = JsonDocument.Parse(stored.DataSnapshot).RootElement;
        Assert.Equal(datasetId, snapshot.GetProperty("datasetId").GetGuid());
        Assert.Equal("teacher", snapshot.GetProperty("labels").GetString());
        Assert.Equal(2, JsonDocument.Parse(stored.TrainingCurve).RootElement.GetArrayLength());
        Assert.Equal(20, JsonDocument.Parse(stored.HyperParameters).RootElement.GetProperty("options").GetProperty("steps").GetInt32());
        Assert.True(JsonDocument.Parse(stored.Metrics).RootElement.GetProperty("final").GetProperty("validationLoss").GetDouble() > 0);

        var (head, manifest) = StudentArtifact.Load(Path.Combine(artifacts, stored.ArtifactPath));
        head.Dispose();
        Assert.Equal(options, manifest.Options);

        var again = await new StudentTrainingPipeline(db, artifacts).TrainAsync(request, ct: ct);
        Assert.Equal(version.Id, again.Id);
        Assert.Equal(1, await db.ModelVersions.CountAsync(m => m.Kind == ModelKind.Student, ct));
    }

    [Fact]
    public async Task A_calibrated_tau_is_the_teachers_fitted_base_temperature_times_the_pools_mean_squared_norm_and_is_recorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(datasetId, [setId], null, Count: 300, Clusters: 4, Mixture: "random=1", Seed: 3, Validation: 30), ct: ct);
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, new StudentOptions { Steps = 2, Batch = 32, ValidateEvery = 2, Temperature = 1 }, "test",
            CalibrateTemperature: true);

        var version = await new StudentTrainingPipeline(db, artifacts).TrainAsync(request, ct: ct);

        // The two factors read where they are kept, not through the pipeline's loaders: the base temperature the teacher
        // run fitted (its manifest) and the set's stored embedding rows of the teacher's base model.
        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        var baseTemperature = TeacherArtifact.Load(Path.Combine(artifacts, teacher.ArtifactPath)).Manifest.TestMetrics!.BaseCalibrated.Temperature;
        var stimuli = db.Stimuli.Where(s => s.StimulusSetId == setId).Select(s => s.Id);
        var vectors = await db.Embeddings.AsNoTracking()
            .Where(e => stimuli.Contains(e.StimulusId) && e.Model == teacher.BaseModel && e.Version == teacher.BaseModelVersion)
            .Select(e => e.Vector).ToListAsync(ct);
        var meanSquaredNorm = vectors.Average(v => v.Sum(x => (double)x * x));
        var recorded = JsonDocument.Parse(version.HyperParameters).RootElement.GetProperty("options").GetProperty("temperature").GetDouble();
        Assert.True(baseTemperature is > 0 and < 10, $"the teacher fitted a base temperature ({baseTemperature})");
        Assert.Equal(baseTemperature * meanSquaredNorm, recorded, 1e-9 * recorded);
    }

    [Fact]
    public async Task An_image_student_on_data_over_other_features_is_refused_with_the_fix()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(datasetId, [setId], null, Count: 100, Clusters: 4, Mixture: "random=1", Seed: 3, Validation: 20), ct: ct);
        var request = new StudentTrainingPipeline.Request(Guid.NewGuid(), datasetId, new StudentOptions { Steps = 1 }, "test", new AligNet.Ml.Students.Images.ImageStudentOptions());

        var error = await Assert.ThrowsAsync<StudentDataException>(() => new StudentTrainingPipeline(db, artifacts, artifacts).TrainAsync(request, ct: ct));

        Assert.Contains("generated over base 1 features", error.Message);
        Assert.Contains("train an embedding student on it", error.Message);
        Assert.Equal(0, await db.ModelVersions.CountAsync(m => m.Kind == ModelKind.Student, ct));
    }

    [Fact]
    public async Task An_unknown_data_set_is_refused_and_records_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var error = await Assert.ThrowsAsync<StudentDataException>(() =>
            new StudentTrainingPipeline(db, artifacts).TrainAsync(new(Guid.NewGuid(), Guid.NewGuid(), new StudentOptions()), ct: ct));
        Assert.Contains("generate one first", error.Message);
        Assert.Equal(0, await db.ModelVersions.CountAsync(m => m.Kind == ModelKind.Student, ct));
    }
}

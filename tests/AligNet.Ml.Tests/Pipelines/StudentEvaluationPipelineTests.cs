using System.Text.Json;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Ml.Students;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Evaluation;
using AligNet.Pipelines.Generation;
using AligNet.Pipelines.Students;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// An embedding student evaluated in the platform (real PostgreSQL): scored on its teacher's held-out test split. The
/// reference is worked out here: the linear head z = x·A + c applied by hand from its parameters, and the odd one out
/// of each held-out triplet read off the largest dot product. An image student of a concept set (no images) is refused with
/// the fix named (image students are scored in <see cref="ImageStudentEvaluationTests"/>).
/// </summary>
public class StudentEvaluationPipelineTests : CircleTeacherTestBase
{
    [Fact]
    public async Task An_embedding_student_is_scored_on_its_teachers_test_split_and_an_image_student_of_a_set_without_images_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var datasetId = Guid.NewGuid();
        await new AligNetDataPipeline(db, artifacts).GenerateAsync(new(datasetId, [setId], null, Count: 600, Clusters: 4, Mixture: "random=1", Seed: 3, Validation: 60), ct: ct);
        var student = await new StudentTrainingPipeline(db, artifacts).TrainAsync(
            new(Guid.NewGuid(), datasetId, new StudentOptions { Steps = 20, Batch = 64, LearningRate = 0.02, ValidateEvery = 10, Seed = 5 }, "test"), ct: ct);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(student.Id, Bootstrap: 20, Seed: 1), ct);

        var teacher = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == ModelKind.Teacher, ct);
        var data = await TrainingDataLoader.LoadAsync(db, setId, CircleConcepts.Model, CircleConcepts.Version, ct);
        var options = TeacherArtifact.Load(Path.Combine(artifacts, teacher.ArtifactPath)).Manifest.Options!;
        var test = TripletSplit.ByItemSet(data.Responses, data.Embeddings.Rows, options.Seed, options.TrainFraction, options.ValidationFraction).Test;
        var (head, _) = StudentArtifact.Load(Path.Combine(artifacts, student.ArtifactPath));
        var parameters = head.named_parameters().ToDictionary(p => p.name, p => p.parameter.data<float>().ToArray());
        head.Dispose();
        var p = data.Embeddings.Columns;
        var z = Enumerable.Range(0, data.Embeddings.Rows).Select(r => Enumerable.Range(0, p)
            .Select(o => parameters["bias"][o] + Enumerable.Range(0, p).Sum(k => data.Embeddings.Row(r)[k] * parameters["weight"][k * p + o])).ToArray()).ToArray();
        double Dot(int a, int b) => z[a].Zip(z[b]).Sum(x => x.First * x.Second);
        var hits = test.Count(t => Dot(t.I, t.J) > Math.Max(Dot(t.I, t.K), Dot(t.J, t.K)));

        Assert.Equal(test.Count, evaluation.Responses);
        Assert.Equal((double)hits / test.Count, evaluation.Accuracy, 9);
        Assert.True(evaluation.AccuracyCiLow <= evaluation.Accuracy && evaluation.Accuracy <= evaluation.AccuracyCiHigh);
        var report = JsonDocument.Parse(evaluation.Report).RootElement;
        Assert.Equal("student", report.GetProperty("map").GetProperty("representation").GetString());
        Assert.Equal(CircleConcepts.Items, report.GetProperty("map").GetProperty("points").GetArrayLength());

        // An image student over a set without images: refused with the fix named, nothing stored.
        var imageFolder = Path.Combine("students", "image-" + Guid.NewGuid().ToString("N"));
        var (imageHead, manifest) = StudentArtifact.Load(Path.Combine(artifacts, student.ArtifactPath));
        using (imageHead) StudentArtifact.Save(Path.Combine(artifacts, imageFolder), imageHead, manifest with { Image = new ImageStudentSpec(default, true, default, "test", 24, "none") });
        var image = new ModelVersion
        {
            Id = Guid.NewGuid(), StimulusSetId = setId, Kind = ModelKind.Student, BaseModel = student.BaseModel, BaseModelVersion = student.BaseModelVersion,
            DataSnapshot = student.DataSnapshot, HyperParameters = "{}", Metrics = "{}", TrainingCurve = "[]", ArtifactPath = imageFolder, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ModelVersions.Add(image);
        await db.SaveChangesAsync(ct);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ModelEvaluationPipeline(db, artifacts, stimulusRoot: artifacts).EvaluateAsync(new(image.Id, Bootstrap: 20), ct));
        Assert.Contains("has no image", error.Message);
        Assert.Contains("train an embedding student instead", error.Message);
        Assert.Equal(0, await db.ModelEvaluations.CountAsync(e => e.ModelVersionId == image.Id, ct));
    }
}

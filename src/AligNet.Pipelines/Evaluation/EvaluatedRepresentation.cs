using System.Text.Json.Nodes;
using AligNet.Data;
using AligNet.Data.Models;
using AligNet.Domain.Models;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Ml.Students;
using AligNet.Ml.Teacher;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Pipelines.Evaluation;

/// <summary>
/// What an evaluation scores: a version's representation of the set's stimuli and the held-out split of the human
/// responses. A teacher is scored on its own test split; an embedding student (its head applied to the base
/// embeddings) or an image student (its ResNet18 over the set's images from the stimulus store,
/// <see cref="StudentImageRepresentation"/>) on the test split of the teacher whose labels it learned, so that teacher
/// and student are compared on the same triplets none of them was fitted on.
/// </summary>
/// <param name="OfShifted">The same representation of shifted copies of the images (the corruptions section).</param>
internal sealed record EvaluatedRepresentation(string Name, TrainingData Data, EmbeddingMatrix Representation, OddOneOutModel Model,
    double? Temperature, TripletSplit Split, bool? SplitMatchesTraining, Func<IReadOnlyList<ShiftedImages>, IReadOnlyList<EmbeddingMatrix>> OfShifted)
{
    /// <summary>True for an image student, whose representation of shifted images needs the decoded images themselves (others need only base features).</summary>
    public bool ReadsImages { get; init; }

    public static async Task<EvaluatedRepresentation> LoadAsync(AligNetDbContext db, string artifactRoot, string? stimulusRoot, bool allowCuda, ModelVersion version, CancellationToken ct)
    {
        var data = await TrainingDataLoader.LoadAsync(db, version.StimulusSetId, version.BaseModel, version.BaseModelVersion, ct);
        if (version.Kind == ModelKind.Teacher)
        {
            var (teacher, manifest, split) = Teacher(artifactRoot, version, data);
            var z = teacher.Transform(data.Embeddings);
            return new("teacher", data, z, new OddOneOutModel(z, SimilarityKind.Dot, teacher.Temperature), teacher.Temperature, split,
                manifest.Split is null ? null : manifest.Split.TestResponses == split.Test.Count, shifted => [.. shifted.Select(v => teacher.Transform(v.BaseFeatures))]);
        }
        if (version.Kind != ModelKind.Student) throw new ArgumentException($"Model version {version.Id} is a {version.Kind}; only teachers and students can be evaluated.");

        var folder = Path.Combine(artifactRoot, version.ArtifactPath);
        var teacherId = Guid.TryParse(JsonNode.Parse(version.DataSnapshot)?["teacherVersionId"]?.GetValue<string>(), out var t) ? t
            : throw new ArgumentException($"Student version {version.Id} names no teacher in its data snapshot: retrain it from an AligNet data set.");
        var teacherVersion = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == teacherId, ct)
            ?? throw new ArgumentException($"Student version {version.Id} learned from teacher {teacherId}, which no longer exists: its held-out split cannot be rebuilt.");
        var (_, _, teacherSplit) = Teacher(artifactRoot, teacherVersion, data);
        var image = StudentArtifact.Read(folder).Manifest.Image is not null;
        var student = image ? await StudentImageRepresentation.EmbedAsync(db, folder, data.StimulusIds, artifactRoot, stimulusRoot, allowCuda, ct)
            : EmbedWithHead(folder, [data.Embeddings])[0];
        Func<IReadOnlyList<ShiftedImages>, IReadOnlyList<EmbeddingMatrix>> ofShifted = image
            ? shifted => StudentImageRepresentation.EmbedPlanes(folder, [.. shifted.Select(v => v.Planes)], allowCuda)
            : shifted => EmbedWithHead(folder, [.. shifted.Select(v => v.BaseFeatures)]);
        // The student's logits are dot products (StudentObjective); its temperature is fitted on the evaluated responses.
        return new("student", data, student, new OddOneOutModel(student, SimilarityKind.Dot), null, teacherSplit, null, ofShifted) { ReadsImages = image };
    }

    /// <summary>An embedding student: its head applied to base features (the stored embeddings, or those of shifted images).</summary>
    private static List<EmbeddingMatrix> EmbedWithHead(string folder, IReadOnlyList<EmbeddingMatrix> inputs)
    {
        var (head, manifest) = StudentArtifact.Load(folder);
        using (head)
        {
            return [.. inputs.Select(x => new EmbeddingMatrix(x.Rows, manifest.Dimensions, Array.ConvertAll(StudentArtifact.Embed(head, manifest, x), v => (double)v)))];
        }
    }

    private static (TeacherModel Teacher, TeacherManifest Manifest, TripletSplit Split) Teacher(string artifactRoot, ModelVersion version, TrainingData data)
    {
        var (teacher, manifest) = TeacherArtifact.Load(Path.Combine(artifactRoot, version.ArtifactPath), data.Embeddings);
        var options = manifest.Options ?? new TeacherOptions { Seed = version.Seed };
        return (teacher, manifest, TripletSplit.ByItemSet(data.Responses, data.Embeddings.Rows, options.Seed, options.TrainFraction, options.ValidationFraction));
    }
}

/// <summary>Shifted copies of an evaluation's images: the base model's features of them and the decoded planes themselves (empty unless an image student reads them).</summary>
internal sealed record ShiftedImages(EmbeddingMatrix BaseFeatures, IReadOnlyList<float[]> Planes);

using System.Text.Json;
using AligNet.Ml.Teacher;
using AligNet.Pipelines.Evaluation;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Pipelines;

/// <summary>
/// The stored evaluation's <c>map</c> (real PostgreSQL): each stimulus on the first two principal components of the
/// teacher's representation. The reference is computed here independently: the teacher's affine map applied by hand to
/// the stored base embeddings, then an SVD of the centred rows (not the code's power iteration). Coordinates are
/// compared through their pairwise distances, which do not depend on the sign each component happens to get.
/// </summary>
public class ModelEvaluationMapTests : CircleTeacherTestBase
{
    [Fact]
    public async Task Stores_every_stimulus_on_the_principal_components_of_the_teacher_representation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext();
        var version = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == AligNet.Domain.Models.ModelKind.Teacher, ct);

        var evaluation = await new ModelEvaluationPipeline(db, artifacts).EvaluateAsync(new(version.Id, Bootstrap: 20, Seed: 1), ct);

        var map = JsonDocument.Parse(evaluation.Report).RootElement.GetProperty("map");
        Assert.Equal("teacher", map.GetProperty("representation").GetString());
        var points = map.GetProperty("points").EnumerateArray()
            .Select(p => (Id: Guid.Parse(p.GetProperty("stimulus_id").GetString()!), X: p.GetProperty("x").GetDouble(), Y: p.GetProperty("y").GetDouble())).ToList();
        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == setId).Select(s => s.Id).ToListAsync(ct);
        Assert.Equal(stimuli.Order(), points.Select(p => p.Id).Order());

        var vectors = await db.Embeddings.Where(e => e.Model == CircleConcepts.Model && stimuli.Contains(e.StimulusId)).ToDictionaryAsync(e => e.StimulusId, e => e.Vector, ct);
        var (model, _) = TeacherArtifact.Load(Path.Combine(artifacts, version.ArtifactPath));
        var reference = ReferenceProjection([.. points.Select(p => vectors[p.Id])], model);
        AssertSameDistances(reference, [.. points.Select(p => (p.X, p.Y))]);
        // Centred, as a principal-component projection is.
        Assert.Equal(0, points.Average(p => p.X), 1e-4);
        Assert.Equal(0, points.Average(p => p.Y), 1e-4);
    }

    /// <summary>z = ((x − μ) / σ)·W + b written out by hand, then the first two left singular vectors times their singular values.</summary>
    private static (double X, double Y)[] ReferenceProjection(IReadOnlyList<float[]> rows, TeacherModel t)
    {
        var p = t.Dimensions;
        var z = rows.Select(x => Enumerable.Range(0, p).Select(o => t.Bias[o] + Enumerable.Range(0, p).Sum(k => (x[k] - t.Mean) / t.Deviation * t.Weight[k * p + o])).ToArray()).ToArray();
        return Svd2(z);
    }

    /// <summary>The first two left singular vectors of the centred rows times their singular values (an SVD, not the code's power iteration).</summary>
    internal static (double X, double Y)[] Svd2(IReadOnlyList<double[]> z)
    {
        var p = z[0].Length;
        var mean = Enumerable.Range(0, p).Select(o => z.Average(r => r[o])).ToArray();
        using var scope = NewDisposeScope();
        var centred = tensor(z.SelectMany(r => r.Select((v, o) => v - mean[o])).ToArray(), [z.Count, p], float64);
        var (u, s, _) = linalg.svd(centred, fullMatrices: false);
        var coordinates = (u[.., ..2] * s[..2]).data<double>().ToArray();
        return [.. Enumerable.Range(0, z.Count).Select(i => (coordinates[2 * i], coordinates[2 * i + 1]))];
    }

    /// <summary>Compared through pairwise distances, which do not depend on the sign each component happens to get.</summary>
    internal static void AssertSameDistances(IReadOnlyList<(double X, double Y)> expected, IReadOnlyList<(double X, double Y)> stored)
    {
        Assert.Equal(expected.Count, stored.Count);
        static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
        for (var i = 0; i < stored.Count; i++)
        {
            for (var j = i + 1; j < stored.Count; j++)
            {
                var reference = Distance(expected[i], expected[j]);
                Assert.Equal(reference, Distance(stored[i], stored[j]), 1e-3 * (1 + reference));
            }
        }
    }
}

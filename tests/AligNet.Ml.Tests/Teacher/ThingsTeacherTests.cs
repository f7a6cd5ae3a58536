using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Metrics;
using AligNet.Evaluation.Triplets;
using AligNet.Ml.Teacher;
using AligNet.TestSupport;

namespace AligNet.Ml.Tests.Teacher;

/// <summary>
/// The real check: a teacher on CLIP ViT-B/32, trained on THINGS' test_10_ID.txt minus every item set that also
/// appears in test_10.txt or test_triplets.tsv, must predict test_10.txt clearly better than CLIP (0.484) and give
/// a lower calibrated NLL on test_triplets.tsv. Short training (2 epochs, λ fixed) keeps it to minutes on 2 cores;
/// the full grid run is `alignet teacher train` (figures in benchmarks/README.md).
/// </summary>
public class ThingsTeacherTests
{
    private static string File(string name)
    {
        var path = Path.Combine(RepoPaths.SharedData, "things", name);
        if (!System.IO.File.Exists(path)) Assert.Skip($"THINGS data not found at {path} (set ALIGNET_SHARED_DATA to the shared data folder).");
        return path;
    }

    [Fact]
    public void A_teacher_on_CLIP_predicts_held_out_THINGS_triplets_better_than_CLIP()
    {
        var clip = EmbeddingFiles.Read(File("clip_vit_b32_things_order.npy"));
        var test10 = TripletFileReader.Read(File("test_10.txt"), TripletFormat.OddLast, clip.Rows);
        var noiseCeilingSet = TripletFileReader.Read(File("test_triplets.tsv"), TripletFormat.Choice, clip.Rows, IndexListReader.Read(File("sortindex.txt")));
        var heldOut = test10.Concat(noiseCeilingSet).Select(r => r.ItemSet).ToHashSet();
        var training = TripletFileReader.Read(File("test_10_ID.txt"), TripletFormat.OddLast, clip.Rows).Where(r => !heldOut.Contains(r.ItemSet)).ToList();
        var options = new TeacherOptions { LambdaGrid = [0.1], MaxEpochs = 2, AllowCuda = false };

        var result = new TeacherTrainer(options).Train(clip, training);

        var teacher = OddOneOutEvaluator.Evaluate(result.Model.OddOneOut(clip), test10);
        Assert.True(teacher.Accuracy > 0.51, $"teacher accuracy on test_10.txt {teacher.Accuracy:F4} (CLIP 0.484, SPoSE 0.640)");

        var validation = TripletSplit.ByItemSet(training, clip.Rows, options.Seed).Validation; // the split the teacher calibrated on
        var baseModel = new OddOneOutModel(clip, SimilarityKind.Cosine);
        var baseCalibrated = new OddOneOutModel(clip, SimilarityKind.Cosine, TeacherTrainer.FitTemperature(baseModel, validation));
        var baseNll = OddOneOutEvaluator.Evaluate(baseCalibrated, noiseCeilingSet).Nll;
        var teacherNll = OddOneOutEvaluator.Evaluate(result.Model.OddOneOut(clip), noiseCeilingSet).Nll;
        Assert.True(teacherNll < baseNll, $"calibrated NLL on test_triplets.tsv: teacher {teacherNll:F4}, CLIP {baseNll:F4}");
    }
}

using AligNet.Ml.BaseModels;
using AligNet.Ml.Students.Images;
using AligNet.Ml.Tests.BaseModels;
using static TorchSharp.torch;

namespace AligNet.Ml.Tests.Students;

/// <summary>The trainable ResNet18 (unfolded BatchNorm, weights as parameters) against the inference port and ONNX Runtime on real photographs.</summary>
[Collection(nameof(ResNet18Collection))]
public sealed class ImageStudentParityTests(ResNet18Fixture fixture)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(TrainFrom.All, false)]
    [InlineData(TrainFrom.Layer3, true)]
    public void The_untrained_student_gives_the_inference_ports_embeddings(TrainFrom trainFrom, bool linearHead)
    {
        var photos = TuxPaintPhotos.Load();
        var featurizer = fixture.Featurizer;
        var expected = featurizer.Embed(photos);
        using var network = ImageStudentRun.CreateNetwork(featurizer.Files, new ImageStudentOptions(trainFrom, linearHead), CPU);

        var actual = ImageStudentRun.Embed(network, new EncodedStudentImages(photos, featurizer.Preprocessing), CPU);

        var port = photos.Select((_, i) => TuxPaintPhotos.MaxAbsDifference(expected[i], actual.AsSpan(i * 512, 512))).Max();
        var onnx = photos.Select((photo, i) => TuxPaintPhotos.MaxAbsDifference(
            fixture.ReferenceNetwork.Run(fixture.ReferencePreprocessing.Run(StimulusImageDecoder.DecodeToRgbPlanes(photo))), actual.AsSpan(i * 512, 512))).Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"trainable from {trainFrom}: max |trainable − port| = {port:G3}, max |trainable − ONNX Runtime| = {onnx:G3} over {photos.Count} photos");
        Assert.True(port <= Tolerance, $"vs the inference port: {port}");
        Assert.True(onnx <= Tolerance, $"vs ONNX Runtime: {onnx}");
        Assert.Equal(22 * 3 + (linearHead ? 2 : 0), network.parameters().Count());
        Assert.Equal(22 * 2, network.buffers().Count());
    }

    [Fact]
    public void With_gradients_on_the_output_is_the_same_and_backward_reaches_only_the_trained_stages()
    {
        var photos = TuxPaintPhotos.Load().Take(2).ToList();
        var featurizer = fixture.Featurizer;
        using var student = ImageStudentRun.CreateStudent(featurizer.Files, new EncodedStudentImages(photos, featurizer.Preprocessing), new ImageStudentOptions(TrainFrom.Layer4), CPU);
        using var scope = NewDisposeScope();
        var output = student.Forward([0, 1]);
        output.pow(2).sum().backward();

        var expected = featurizer.Embed(photos);
        var values = output.detach().data<float>().ToArray();
        Assert.True(TuxPaintPhotos.MaxAbsDifference([.. expected.SelectMany(e => e)], values) <= Tolerance);
        foreach (var (name, p) in student.Network.named_parameters())
        {
            var trained = name.StartsWith("stages.4.", StringComparison.Ordinal);
            Assert.Equal(trained, p.requires_grad);
            Assert.Equal(trained, p.grad is not null && p.grad.abs().sum().item<float>() > 0);
        }
    }
}

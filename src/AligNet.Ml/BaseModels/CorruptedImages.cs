using AligNet.Evaluation.Robustness;

namespace AligNet.Ml.BaseModels;

/// <summary>
/// Decoded images (<see cref="StimulusImageDecoder"/> planes) under one corruption, and the packaged ResNet18's features
/// of a list of planes: what <c>alignet features --corruptions</c> writes and the evaluation run's "corruptions" section
/// reads, one code for both so the two agree.
/// </summary>
public static class CorruptedImages
{
    /// <summary>Copies of <paramref name="clean"/> with the corruption applied, in order; one random stream per corruption (the noise's seed).</summary>
    public static List<float[]> Apply(IReadOnlyList<float[]> clean, ImageCorruption corruption, int seed)
    {
        var random = new Random(seed);
        return [.. clean.Select(planes =>
        {
            var copy = (float[])planes.Clone();
            corruption.Apply(copy, StimulusImageDecoder.Size, StimulusImageDecoder.Size, random);
            return copy;
        })];
    }

    /// <summary>The featurizer's 512-d features of each image, in batches of 32 (rows × 512, row-major).</summary>
    public static float[] Features(ResNet18Featurizer featurizer, IReadOnlyList<float[]> planes)
    {
        var features = new float[planes.Count * ResNet18Featurizer.EmbeddingSize];
        const int batch = 32;
        for (var start = 0; start < planes.Count; start += batch)
        {
            var count = Math.Min(batch, planes.Count - start);
            var input = new float[count * StimulusImageDecoder.ValuesPerImage];
            for (var i = 0; i < count; i++) planes[start + i].CopyTo(input, i * StimulusImageDecoder.ValuesPerImage);
            featurizer.EmbedRgbPlanes(input).CopyTo(features, start * ResNet18Featurizer.EmbeddingSize);
        }
        return features;
    }
}

using AligNet.Evaluation.Embeddings;

namespace AligNet.Evaluation.Tests;

public class NpyReaderTests
{
    private static readonly double[,] Sample = { { 1.5, -2, 3 }, { 4, 5.25, -6 } };

    [Theory]
    [InlineData("<f8", false, 1)]
    [InlineData("<f8", true, 1)]
    [InlineData("<f4", false, 2)]
    [InlineData("<f4", true, 3)]
    [InlineData(">f8", false, 1)]
    [InlineData(">f4", true, 2)]
    public void Reads_every_supported_dtype_order_and_version(string descr, bool fortran, int version)
    {
        var matrix = NpyReader.Read(new MemoryStream(NpyWriter.Write(Sample, descr, fortran, version)), "x.npy");

        Assert.Equal((2, 3), (matrix.Rows, matrix.Columns));
        Assert.Equal([1.5, -2, 3], matrix.Row(0).ToArray());
        Assert.Equal([4, 5.25, -6], matrix.Row(1).ToArray());
    }

    [Fact]
    public void A_truncated_file_is_named_as_truncated()
    {
        var bytes = NpyWriter.Write(Sample);

        var error = Assert.Throws<DataFormatException>(() => NpyReader.Read(new MemoryStream(bytes[..^5]), "cut.npy"));

        Assert.Contains("cut.npy", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData("<i8")]
    [InlineData("<f2")]
    [InlineData("|b1")]
    public void Unsupported_dtypes_are_refused_with_the_fix(string descr)
    {
        var error = Assert.Throws<DataFormatException>(() => NpyReader.Read(new MemoryStream(NpyWriter.Write(Sample, descr)), "x.npy"));

        Assert.Contains($"dtype '{descr}' is not supported", error.Message);
        Assert.Contains("float32 or float64", error.Message);
    }

    [Fact]
    public void A_three_dimensional_array_is_refused()
    {
        var text = System.Text.Encoding.Latin1.GetString(NpyWriter.Write(Sample)).Replace("(2, 3)", "(2,1,3)", StringComparison.Ordinal);

        var error = Assert.Throws<DataFormatException>(() => NpyReader.Read(new MemoryStream(System.Text.Encoding.Latin1.GetBytes(text)), "x.npy"));

        Assert.Contains("not a 2-D matrix", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_npy_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => NpyReader.Read(new MemoryStream("hello world, not numpy"u8.ToArray()), "x.npy"));

        Assert.Contains("not a .npy file", error.Message);
    }

    [Fact]
    public void NaN_values_are_refused_when_opened_as_embeddings()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nan-{Guid.NewGuid():N}.npy");
        File.WriteAllBytes(path, NpyWriter.Write(new[,] { { 1.0, double.NaN } }));
        try
        {
            var error = Assert.Throws<DataFormatException>(() => EmbeddingFiles.Read(path));
            Assert.Contains("row 0, column 1 is NaN or infinite", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

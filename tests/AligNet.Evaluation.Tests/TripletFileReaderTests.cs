using AligNet.Evaluation.Triplets;

namespace AligNet.Evaluation.Tests;

public class TripletFileReaderTests
{
    private static IReadOnlyList<TripletResponse> Read(string text, TripletFormat format, int items = 10, IReadOnlyList<int>? reorder = null) =>
        TripletFileReader.Read(new StringReader(text), "t.txt", format, items, reorder);

    [Fact]
    public void Odd_last_rows_keep_their_order_and_subject()
    {
        var responses = Read("0 1 2 s1\n3 4 5 s7\n", TripletFormat.OddLast);

        Assert.Equal([new TripletResponse(0, 1, 2, "s1"), new TripletResponse(3, 4, 5, "s7")], responses);
    }

    [Fact]
    public void A_reaction_time_column_after_the_subject_is_read_in_milliseconds()
    {
        var responses = Read("0 1 2 s1 1234.5\n", TripletFormat.OddLast);
        var choice = Read("1 2 3 2 s2 800\n", TripletFormat.Choice);

        Assert.Equal(1234.5, responses[0].RtMs);
        Assert.Equal(new TripletResponse(0, 2, 1, "s2") { RtMs = 800 }, choice[0]);
        Assert.Contains("reaction time '-5' is not a positive number", Assert.Throws<DataFormatException>(() => Read("0 1 2 s1 -5\n", TripletFormat.OddLast)).Message);
    }

    [Theory]
    [InlineData("1 2 3 1", 1, 2, 0)]
    [InlineData("1 2 3 2", 0, 2, 1)]
    [InlineData("1 2 3 3", 0, 1, 2)]
    public void Choice_rows_are_one_based_and_the_chosen_position_becomes_the_odd_one(string line, int i, int j, int k)
    {
        var response = Assert.Single(Read(line, TripletFormat.Choice));

        Assert.Equal(new TripletResponse(i, j, k), response);
    }

    [Fact]
    public void A_reorder_list_maps_file_indices_back_to_embedding_rows()
    {
        // Row t of the embeddings is file index reorder[t]: file index 2 is row 0, 0 is row 1, 1 is row 2.
        int[] reorder = [2, 0, 1];

        var response = Assert.Single(Read("3 1 2 3", TripletFormat.Choice, items: 3, reorder));

        Assert.Equal(new TripletResponse(0, 1, 2), response);
    }

    [Theory]
    [InlineData("0 1 2\n0 1 10\n", TripletFormat.OddLast, 2, "index 10 is out of range (0–9 for 10 items)")]
    [InlineData("1 2 3 4\n", TripletFormat.Choice, 1, "choice '4' is not 1, 2 or 3")]
    [InlineData("1 1 3\n", TripletFormat.OddLast, 1, "repeats an item")]
    [InlineData("0 1 2\n0 1 2 3 4\n", TripletFormat.OddLast, 2, "5 columns where earlier lines have 3")]
    [InlineData("0 1 x\n", TripletFormat.OddLast, 1, "column 3 ('x') is not an integer index")]
    [InlineData("1 2 3 0 s\n", TripletFormat.Choice, 1, "choice '0' is not 1, 2 or 3")]
    [InlineData("0 1 2 3 4 5\n", TripletFormat.OddLast, 1, "6 columns; the odd-last format has 'i j k [subject [rt_ms]]'")]
    public void Bad_rows_are_refused_with_their_line_and_reason(string text, TripletFormat format, int line, string reason)
    {
        var error = Assert.Throws<DataFormatException>(() => Read(text, format));

        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message);
        Assert.StartsWith($"t.txt, line {line}: ", error.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("\n  \n", TripletFormat.OddLast));

        Assert.Contains("holds no triplets", error.Message);
    }

    [Fact]
    public void A_reorder_list_that_is_not_a_permutation_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("1 2 3 1", TripletFormat.Choice, 3, [0, 0, 1]));

        Assert.Contains("not a permutation", error.Message);
    }
}

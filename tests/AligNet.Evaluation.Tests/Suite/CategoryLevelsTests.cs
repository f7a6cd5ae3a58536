using AligNet.Evaluation.Levels;

namespace AligNet.Evaluation.Tests.Suite;

/// <summary>Abstraction levels from a category matrix and from category paths, and the refusal of bad matrices.</summary>
public class CategoryLevelsTests
{
    // Items: 0 animal, 1 animal+bird, 2 bird, 3 food, 4 (none), 5 animal.
    private const string Matrix = "animal\tbird\tfood\n1\t0\t0\n1\t1\t0\n0\t1\t0\n0\t0\t1\n0\t0\t0\n1\t0\t0\n";

    private static ItemCategories Read(string text, int items = 6) => CategoryMatrixReader.Read(new StringReader(text), "c.tsv", items);

    [Theory]
    [InlineData(0, 1, 5, AbstractionLevel.Fine)]          // animal holds all three
    [InlineData(0, 1, 2, AbstractionLevel.Boundary)]      // animal holds 0,1; bird holds 1,2; none holds all three
    [InlineData(0, 2, 3, AbstractionLevel.Coarse)]        // animal, bird, food: no category holds two
    [InlineData(1, 2, 3, AbstractionLevel.Boundary)]      // bird holds 1 and 2 (multi-label)
    [InlineData(0, 1, 4, AbstractionLevel.Uncategorised)] // item 4 has no category
    public void The_matrix_rule_classifies_triplets(int a, int b, int c, AbstractionLevel expected)
    {
        var categories = Read(Matrix);

        Assert.Equal(expected, categories.Classify(a, b, c));
        Assert.Equal(expected, categories.Classify(c, a, b)); // order does not matter
    }

    [Fact]
    public void Paths_use_the_finest_category_or_a_chosen_depth()
    {
        string[][] paths = [["animals", "birds"], ["animals", "birds"], ["animals", "dogs"], ["food", "fruit"], []];

        var finest = ItemCategories.FromPaths(paths);
        Assert.Equal(AbstractionLevel.Boundary, finest.Classify(0, 1, 2));
        Assert.Equal(AbstractionLevel.Coarse, finest.Classify(0, 2, 3));
        Assert.Equal(AbstractionLevel.Uncategorised, finest.Classify(0, 1, 4));

        var top = ItemCategories.FromPaths(paths, depth: 1);
        Assert.Equal(AbstractionLevel.Fine, top.Classify(0, 1, 2));
        Assert.Equal(AbstractionLevel.Boundary, top.Classify(0, 2, 3));
    }

    [Fact]
    public void A_matrix_with_the_wrong_row_count_names_the_fix()
    {
        var error = Assert.Throws<DataFormatException>(() => Read(Matrix, items: 7));

        Assert.Equal("c.tsv: 6 item rows, but the embeddings have 7 rows: the categories file needs one row per embedding row, in the same order.", error.Message);
    }

    [Fact]
    public void A_cell_that_is_not_0_or_1_is_refused_with_its_line_and_category()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("animal\tbird\n1\t0\n0\t2\n", items: 2));

        Assert.Equal("c.tsv, line 3: category 'bird' holds '2'; a category matrix holds only 0 or 1.", error.Message);
    }

    [Fact]
    public void A_matrix_without_a_header_row_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("1\t0\n0\t1\n", items: 1));

        Assert.Contains("add a header row of category names", error.Message);
    }

    [Fact]
    public void A_row_with_too_few_cells_is_refused()
    {
        var error = Assert.Throws<DataFormatException>(() => Read("animal\tbird\n1\n", items: 1));

        Assert.Equal("c.tsv, line 2: 1 values where the header names 2 categories; every row needs one 0 or 1 per category.", error.Message);
    }
}

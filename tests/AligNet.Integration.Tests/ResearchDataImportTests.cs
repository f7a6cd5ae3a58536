using AligNet.Data.Imports;
using AligNet.Evaluation;
using AligNet.Evaluation.Embeddings;
using AligNet.Evaluation.Triplets;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

/// <summary>Concept sets, embeddings and human triplets into the real database, all or nothing.</summary>
public class ResearchDataImportTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Guid setId;
    private readonly string folder = Directory.CreateTempSubdirectory("alignet-research-").FullName;

    public async ValueTask InitializeAsync()
    {
        database = await TestPostgres.CreateDatabaseAsync();
        await using var db = database.CreateContext();
        setId = await new ConceptSetImporter(db).ImportAsync("concepts", "", ["aardvark", "apple", "axe", "bird"], "labels.txt");
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static EmbeddingMatrix Matrix(params double[] values) => new(4, 2, values);

    [Fact]
    public async Task Embeddings_map_rows_through_an_id_list_and_a_reimport_replaces_the_model_version()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            await new EmbeddingImporter(db).ImportAsync(setId, "m", "1", Matrix(1, 1, 2, 2, 3, 3, 4, 4), ["bird", "axe", "apple", "aardvark"], "e.npy", ct);
            await new EmbeddingImporter(db).ImportAsync(setId, "m", "1", Matrix(10, 0, 20, 0, 30, 0, 40, 0), null, "e.npy", ct);
        }

        await using var check = database.CreateContext();
        var vectors = await check.Embeddings.Join(check.Stimuli, e => e.StimulusId, s => s.Id, (e, s) => new { s.Index, e.Vector })
            .OrderBy(x => x.Index).ToListAsync(ct);
        Assert.Equal(4, vectors.Count);
        Assert.Equal([10f, 0f], vectors[0].Vector); // the second import (row t = index t) replaced the first
        Assert.Equal([40f, 0f], vectors[3].Vector);
    }

    [Fact]
    public async Task Embeddings_that_do_not_fit_the_set_are_refused_with_every_reason()
    {
        await using var db = database.CreateContext();
        var importer = new EmbeddingImporter(db);

        var wrongCount = await Assert.ThrowsAsync<ImportValidationException>(() =>
            importer.ImportAsync(setId, "m", "1", new EmbeddingMatrix(3, 1, [1, 2, 3]), null, "e.npy", TestContext.Current.CancellationToken));
        var badIds = await Assert.ThrowsAsync<ImportValidationException>(() =>
            importer.ImportAsync(setId, "m", "1", Matrix(1, 1, 2, 2, 3, 3, 4, 4), ["bird", "bird", "zebra", "apple"], "e.npy", TestContext.Current.CancellationToken));
        var nan = await Assert.ThrowsAsync<ImportValidationException>(() =>
            importer.ImportAsync(setId, "m", "1", Matrix(1, double.NaN, 2, 2, 3, 3, 4, 4), null, "e.npy", TestContext.Current.CancellationToken));

        Assert.Contains("3 rows for 4 stimuli", wrongCount.Message);
        Assert.Contains("line 2: bird: names a stimulus that an earlier row already names.", badIds.Message);
        Assert.Contains("line 3: zebra: matches no stimulus label or file name in the set.", badIds.Message);
        Assert.Contains("row 0, column 1 is NaN or infinite", nan.Message);
        Assert.Equal(0, await db.Embeddings.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Triplets_are_stored_as_stimulus_ids_with_the_odd_one_last()
    {
        var file = Path.Combine(folder, "t.tsv");
        await File.WriteAllTextAsync(file, "1 2 3 1 s1\n4 3 2 3 s2\n", TestContext.Current.CancellationToken);
        await using var db = database.CreateContext();

        var dataset = await new TripletImporter(db).ImportAsync(setId, "human", file, TripletFormat.Choice, null, ct: TestContext.Current.CancellationToken);

        var byIndex = await db.Stimuli.Where(s => s.StimulusSetId == setId).ToDictionaryAsync(s => s.Id, s => s.Index, TestContext.Current.CancellationToken);
        var stored = await db.ImportedTriplets.Where(t => t.DatasetId == dataset.Id).OrderBy(t => t.Line).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, dataset.Count);
        Assert.Equal((1, 2, 0, "s1"), (byIndex[stored[0].FirstId], byIndex[stored[0].SecondId], byIndex[stored[0].OddId], stored[0].Subject));
        Assert.Equal((3, 2, 1, "s2"), (byIndex[stored[1].FirstId], byIndex[stored[1].SecondId], byIndex[stored[1].OddId], stored[1].Subject));
    }

    [Fact]
    public async Task A_bad_triplet_file_leaves_nothing_behind()
    {
        var file = Path.Combine(folder, "bad.txt");
        await File.WriteAllTextAsync(file, "0 1 2\n0 1 9\n", TestContext.Current.CancellationToken);
        await using var db = database.CreateContext();

        var error = await Assert.ThrowsAsync<DataFormatException>(() =>
            new TripletImporter(db).ImportAsync(setId, "bad", file, TripletFormat.OddLast, null, ct: TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Line);
        Assert.Equal(0, await db.TripletDatasets.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ImportedTriplets.CountAsync(TestContext.Current.CancellationToken));
    }
}

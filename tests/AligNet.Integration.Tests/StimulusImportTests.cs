using System.IO.Compression;
using System.Text;
using AligNet.Data.Imports;
using AligNet.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AligNet.Integration.Tests;

public class StimulusImportTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private readonly string store = Directory.CreateTempSubdirectory("alignet-store-").FullName;
    private readonly string folder = Directory.CreateTempSubdirectory("alignet-import-").FullName;

    public async ValueTask InitializeAsync() => database = await TestPostgres.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(store, recursive: true);
        Directory.Delete(folder, recursive: true);
    }

    private void Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private void Manifest(string text) => Write(ManifestReader.DefaultName, Encoding.UTF8.GetBytes(text));

    private async Task<StimulusSetImporter.Result> ImportAsync(string source, string name = "imported")
    {
        await using var db = database.CreateContext();
        using var opened = StimulusSource.Open(source);
        return await new StimulusSetImporter(db, store).ImportAsync(name, "", opened, ct: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_clean_folder_is_imported_in_manifest_order_with_categories_and_files_in_the_store()
    {
        Write("birds/robin.png", TestImages.Png(200));
        Write("birds/crow.jpg", TestImages.Jpeg(10, 10, 10));
        Write("fruit/apple.png", TestImages.Png(0, 200));
        Manifest("file,label,category\nbirds/robin.png,robin,animals/birds\nbirds/crow.jpg,\"crow, carrion\",animals/birds\nfruit/apple.png,apple,food/fruit\n");

        var result = await ImportAsync(folder);

        Assert.Equal(3, result.Stimuli);
        await using var db = database.CreateContext();
        var stimuli = await db.Stimuli.Where(s => s.StimulusSetId == result.SetId).OrderBy(s => s.Index).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["robin", "crow, carrion", "apple"], stimuli.Select(s => s.Label));
        Assert.Equal(["image/png", "image/jpeg", "image/png"], stimuli.Select(s => s.ContentType));
        Assert.Equal(["animals", "birds"], stimuli[0].CategoryPath);
        Assert.Equal("birds/crow.jpg", stimuli[1].SourceName);
        Assert.All(stimuli, s => Assert.True(File.Exists(Path.Combine(store, s.ImagePath!))));
        Assert.All(stimuli, s => Assert.Equal(16, s.Width));
    }

    [Fact]
    public async Task A_zip_with_a_manifest_is_imported_like_a_folder()
    {
        var zip = Path.Combine(folder, "set.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "manifest.csv", "file,label\na.png,a\nsub/b.png,b\nc.png,c\n"u8.ToArray());
            AddEntry(archive, "a.png", TestImages.Png(1));
            AddEntry(archive, "sub/b.png", TestImages.Png(2));
            AddEntry(archive, "c.png", TestImages.Png(3));
        }

        var result = await ImportAsync(zip);

        Assert.Equal(3, result.Stimuli);
    }

    [Fact]
    public async Task Every_problem_is_reported_with_its_line_and_nothing_is_imported()
    {
        Write("ok.png", TestImages.Png(1));
        Write("copy.png", TestImages.Png(1));          // same bytes as ok.png
        Write("corrupt.png", TestImages.Png(2)[..40]); // a valid header, then cut off
        Write("text.png", "not an image"u8.ToArray());
        Manifest("file,label\nok.png,ok\ncopy.png,copy\ncorrupt.png,corrupt\ntext.png,text\nmissing.png,missing\nok.png,again\n../outside.png,escape\n,nofile\nempty-label.png,\n");

        var error = await Assert.ThrowsAsync<ImportValidationException>(() => ImportAsync(folder));

        var messages = error.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains("line 3: copy.png: the same image as line 2 (a duplicate).", messages);
        Assert.Contains(messages, m => m.StartsWith("line 4: corrupt.png: ", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("line 5: text.png: not an image", StringComparison.Ordinal));
        Assert.Contains("line 6: missing.png: file not found in the source.", messages);
        Assert.Contains("line 7: ok.png: listed twice (first on line 2).", messages);
        Assert.Contains(messages, m => m.StartsWith("line 8: ../outside.png: the file name leaves the source folder", StringComparison.Ordinal));
        Assert.Contains("line 9: the file column is empty.", messages);
        Assert.Contains("line 10: empty-label.png: the label column is empty.", messages);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.StimulusSets.CountAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_manifest_without_the_required_columns_is_refused()
    {
        Write("a.png", TestImages.Png(1));
        Manifest("path,name\na.png,a\n");

        var error = await Assert.ThrowsAsync<ImportValidationException>(() => ImportAsync(folder));

        Assert.Contains("must name the columns 'file' and 'label'", error.Message);
    }

    [Fact]
    public async Task A_zip_entry_that_leaves_the_archive_is_refused()
    {
        var zip = Path.Combine(folder, "evil.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "manifest.csv", "file,label\na.png,a\n"u8.ToArray());
            AddEntry(archive, "../../etc/evil.png", TestImages.Png(1));
        }

        var error = await Assert.ThrowsAsync<ImportValidationException>(() => ImportAsync(zip));

        Assert.Contains("../../etc/evil.png: entry name leaves the archive", error.Message);
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_before_anything_is_unpacked()
    {
        var zip = Path.Combine(folder, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            AddEntry(archive, "manifest.csv", "file,label\nzeros.png,zeros\n"u8.ToArray());
            AddEntry(archive, "zeros.png", new byte[20_000_000], CompressionLevel.SmallestSize);
        }

        var error = await Assert.ThrowsAsync<ImportValidationException>(() => ImportAsync(zip));

        Assert.Contains("looks like a zip bomb", error.Message);
    }

    [Fact]
    public async Task A_second_set_with_the_same_name_is_refused()
    {
        Write("a.png", TestImages.Png(1));
        Write("b.png", TestImages.Png(2));
        Write("c.png", TestImages.Png(3));
        Manifest("file,label\na.png,a\nb.png,b\nc.png,c\n");
        await ImportAsync(folder, "twice");

        var error = await Assert.ThrowsAsync<ImportValidationException>(() => ImportAsync(folder, "twice"));

        Assert.Contains("a stimulus set named 'twice' exists already", error.Message);
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] bytes, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var stream = archive.CreateEntry(name, level).Open();
        stream.Write(bytes);
    }
}

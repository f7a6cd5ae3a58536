using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AligNet.Domain.Stimuli;
using AligNet.Domain.Studies;
using AligNet.TestSupport;
using SkiaSharp;

namespace AligNet.Integration.Tests;

/// <summary><c>GET /api/stimuli/{id}/image?w=</c> against the real web app: sizes, format, cache headers, ETag/304, errors.</summary>
public class StimulusImageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    private const int OriginalWidth = 1000;
    private const int OriginalHeight = 500;
    private readonly byte[] original = TestImages.CutOutPng(OriginalWidth, OriginalHeight);
    private Guid photo, concept, missingFile;
    private string sha = "";

    public async ValueTask InitializeAsync()
    {
        var app = fixture.App;
        var folder = "set-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(app.StimulusRoot, folder));
        await File.WriteAllBytesAsync(Path.Combine(app.StimulusRoot, folder, "photo.png"), original);
        sha = Convert.ToHexStringLower(SHA256.HashData(original));

        var set = new StimulusSet { Id = Guid.NewGuid(), Name = folder, CreatedAt = DateTimeOffset.UtcNow };
        photo = Guid.NewGuid();
        concept = Guid.NewGuid();
        missingFile = Guid.NewGuid();
        set.Stimuli.Add(new Stimulus { Id = photo, Index = 0, Label = "photo", ImagePath = $"{folder}/photo.png", ContentType = "image/png", Sha256 = sha, Width = OriginalWidth, Height = OriginalHeight });
        set.Stimuli.Add(new Stimulus { Id = concept, Index = 1, Label = "aardvark" });
        set.Stimuli.Add(new Stimulus { Id = missingFile, Index = 2, Label = "gone", ImagePath = $"{folder}/gone.png", ContentType = "image/png", Sha256 = new string('a', 64), Width = 10, Height = 10 });
        await using var db = app.Database.CreateContext();
        db.Add(set);
        // Images are public only while a study using their set is open (ADR-011).
        db.Add(new Study { Id = Guid.NewGuid(), Name = "open study of " + folder, StimulusSetId = set.Id, State = StudyState.Open, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HttpResponseMessage> GetAsync(Guid id, string query, string? ifNoneMatch = null)
    {
        using var client = fixture.App.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stimuli/{id}/image{query}");
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.LoadIntoBufferAsync(TestContext.Current.CancellationToken);
        return response;
    }

    private static async Task<SKImageInfo> DecodeWebpAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Webp, codec.EncodedFormat);
        return codec.Info;
    }

    [Theory]
    [InlineData(1, 160)]
    [InlineData(160, 160)]
    [InlineData(161, 240)]
    [InlineData(300, 320)]
    [InlineData(641, 960)]
    [InlineData(999, 1000)] // the 1280 bucket, but never wider than the 1000-pixel original
    [InlineData(4096, 1000)]
    public async Task Serves_webp_at_the_smallest_bucket_at_least_as_wide_as_asked_keeping_aspect_and_transparency(int asked, int served)
    {
        using var response = await GetAsync(photo, $"?w={asked}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        var info = await DecodeWebpAsync(response);
        Assert.Equal(served, info.Width);
        Assert.Equal(served / 2, info.Height);
        Assert.NotEqual(SKAlphaType.Opaque, info.AlphaType); // the cut-out's transparent background survives
    }

    [Fact]
    public async Task Answers_with_year_long_immutable_caching_and_an_etag_of_the_original_hash_and_width()
    {
        using var response = await GetAsync(photo, "?w=300");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{sha}-320\"", response.Headers.ETag?.ToString());
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
    }

    [Fact]
    public async Task A_matching_if_none_match_gets_304_without_a_body_and_another_width_gets_the_image()
    {
        using var first = await GetAsync(photo, "?w=480");
        var etag = first.Headers.ETag!.ToString();

        using var again = await GetAsync(photo, "?w=480", etag);
        using var wider = await GetAsync(photo, "?w=640", etag);
        using var stale = await GetAsync(photo, "?w=480", "\"0000-480\"");

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, again.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, wider.StatusCode);
        Assert.Equal(640, (await DecodeWebpAsync(wider)).Width);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task A_resized_copy_is_kept_on_disk_under_the_store_root_and_is_far_smaller_than_the_original()
    {
        using var response = await GetAsync(photo, "?w=160");
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var kept = Path.Combine(fixture.App.StimulusRoot, ".resized", $"{sha}-160.webp");
        Assert.True(File.Exists(kept));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(kept, TestContext.Current.CancellationToken));
        Assert.True(bytes.Length < original.Length / 4, $"{bytes.Length} bytes resized vs {original.Length} original");
    }

    [Theory]
    [InlineData("?w=0")]
    [InlineData("?w=-5")]
    [InlineData("?w=4097")]
    [InlineData("?w=wide")]
    [InlineData("?w=3.5")]
    public async Task A_bad_width_is_a_400_naming_the_valid_range(string query)
    {
        using var response = await GetAsync(photo, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1 to 4096", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unknown_stimuli_concepts_without_images_and_missing_files_are_404s_with_a_reason()
    {
        using var unknown = await GetAsync(Guid.NewGuid(), "?w=160");
        using var noImage = await GetAsync(concept, "?w=160");
        using var gone = await GetAsync(missingFile, "?w=160");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("No stimulus with id", await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, noImage.StatusCode);
        Assert.Contains("without an image", await noImage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("missing from the stimulus store", await gone.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Null(gone.Headers.CacheControl);
    }

    [Fact]
    public async Task Images_of_a_set_without_an_open_study_exist_only_for_staff_who_may_see_the_set()
    {
        var ct = TestContext.Current.CancellationToken;
        var app = fixture.App;
        var folder = "closed-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(app.StimulusRoot, folder));
        await File.WriteAllBytesAsync(Path.Combine(app.StimulusRoot, folder, "photo.png"), original, ct);
        var set = new StimulusSet { Id = Guid.NewGuid(), Name = folder, CreatedAt = DateTimeOffset.UtcNow };
        var hidden = Guid.NewGuid();
        set.Stimuli.Add(new Stimulus { Id = hidden, Index = 0, Label = "photo", ImagePath = $"{folder}/photo.png", ContentType = "image/png", Sha256 = sha, Width = OriginalWidth, Height = OriginalHeight });
        await using (var db = app.Database.CreateContext())
        {
            db.Add(set);
            db.Add(new Study { Id = Guid.NewGuid(), Name = "closed study of " + folder, StimulusSetId = set.Id, State = StudyState.Closed, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
            await StaffUsers.CreateAsync(db, $"stranger-{folder}@test.local", AligNet.Data.Identity.Roles.Researcher);
        }
        using var admin = app.CreateClient();
        await SignIn.PostAsync(admin, WebApp.AdminEmail, WebApp.AdminPassword);
        using var stranger = app.CreateClient();
        await SignIn.PostAsync(stranger, $"stranger-{folder}@test.local", StaffUsers.Password);

        using var anonymous = await GetAsync(hidden, "?w=160");
        using var forStranger = await stranger.GetAsync($"/api/stimuli/{hidden}/image?w=160", ct);
        using var forAdmin = await admin.GetAsync($"/api/stimuli/{hidden}/image?w=160", ct);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Contains("No stimulus with id", await anonymous.Content.ReadAsStringAsync(ct)); // the words for one that does not exist
        Assert.Equal(HttpStatusCode.NotFound, forStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forAdmin.StatusCode);
        Assert.True(forAdmin.Headers.CacheControl?.Private == true, $"an image only staff may see is not for shared caches: {forAdmin.Headers.CacheControl}");
    }

    [Fact]
    public async Task Needs_no_account()
    {
        using var client = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        using var response = await client.GetAsync($"/api/stimuli/{photo}/image?w=240", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypeHeaderValue.Parse("image/webp"), response.Content.Headers.ContentType);
    }
}

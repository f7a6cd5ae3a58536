using System.Collections.Concurrent;
using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Data.Stimuli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AligNet.Web.Stimuli;

/// <summary>
/// Resized stimulus images, made once and kept: in a bounded memory cache, and on disk under
/// <c>{Stimuli:Root}/.resized/{sha256}-{width}.webp</c> so a restarted web process does not resize again.
/// A variant is named by the original's hash, so a changed original never meets a stale copy.
/// </summary>
public sealed class StimulusImageCache(IDbContextFactory<AligNetDbContext> contexts, IOptions<StimulusStoreOptions> options, ILogger<StimulusImageCache> logger) : IDisposable
{
    /// <summary>What the endpoint needs to know about a stimulus before touching any image bytes.</summary>
    public sealed record ImageFacts(string ImagePath, string Sha256, int Width, Guid SetId);

    private static readonly TimeSpan FactsLifetime = TimeSpan.FromMinutes(10);
    private readonly string root = Path.GetFullPath(options.Value.Root);
    private readonly MemoryCache memory = new(new MemoryCacheOptions { SizeLimit = (long)options.Value.ResizedMemoryCacheMegabytes << 20 });
    // Concurrent first requests for one variant share one resize instead of each doing it.
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> inFlight = new();
    private readonly SemaphoreSlim resizeSlots = new(Math.Max(1, options.Value.MaxConcurrentResizes));
    private readonly TimeSpan resizeWait = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ResizeWaitMilliseconds));

    /// <summary>The cold-resize slots, exposed so a test can hold them all and see the saturated answer.</summary>
    internal SemaphoreSlim ResizeSlots => resizeSlots;

    /// <summary>The stimulus's image facts, or the reason there is no image to serve.</summary>
    public async Task<(ImageFacts? Facts, string? Problem)> FindAsync(Guid stimulusId, CancellationToken ct)
    {
        if (memory.TryGetValue(stimulusId, out ImageFacts? cached)) return (cached, null);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Stimuli.AsNoTracking().Where(s => s.Id == stimulusId)
            .Select(s => new { s.ImagePath, s.Sha256, s.Width, s.StimulusSetId }).FirstOrDefaultAsync(ct);
        if (row is null) return (null, $"No stimulus with id {stimulusId}.");
        if (row.ImagePath is null || row.Sha256 is null) return (null, $"Stimulus {stimulusId} is a concept without an image.");
        var facts = new ImageFacts(row.ImagePath, row.Sha256, row.Width, row.StimulusSetId);
        memory.Set(stimulusId, facts, new MemoryCacheEntryOptions { Size = 256, AbsoluteExpirationRelativeToNow = FactsLifetime });
        return (facts, null);
    }

    /// <summary>
    /// Whether a study using the set is open, so its images are public (<see cref="StaffAccess.IsPublicStimulusSetAsync"/>).
    /// Remembered for a few seconds: participants load many images per trial, and a closed study stops serving soon after.
    /// </summary>
    public async Task<bool> IsPublicSetAsync(Guid setId, CancellationToken ct)
    {
        var key = ("public-set", setId);
        if (memory.TryGetValue(key, out bool isPublic)) return isPublic;
        await using var db = await contexts.CreateDbContextAsync(ct);
        isPublic = await StaffAccess.IsPublicStimulusSetAsync(db, setId, ct);
        memory.Set(key, isPublic, new MemoryCacheEntryOptions { Size = 64, AbsoluteExpirationRelativeToNow = PublicSetLifetime });
        return isPublic;
    }

    private static readonly TimeSpan PublicSetLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The WebP bytes of <paramref name="facts"/> at <paramref name="width"/>: memory, else disk, else resized now.</summary>
    public async Task<byte[]> GetAsync(ImageFacts facts, int width, CancellationToken ct)
    {
        var key = $"{facts.Sha256}-{width}";
        if (memory.TryGetValue(key, out byte[]? bytes)) return bytes!;
        var work = inFlight.GetOrAdd(key, k => new Lazy<Task<byte[]>>(() => LoadOrResizeAsync(facts, width, k)));
        try
        {
            bytes = await work.Value.WaitAsync(ct);
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]>>>(key, work));
        }
        memory.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length });
        return bytes;
    }

    private async Task<byte[]> LoadOrResizeAsync(ImageFacts facts, int width, string key)
    {
        var cached = Path.Combine(root, ".resized", key + ".webp");
        if (File.Exists(cached)) return await File.ReadAllBytesAsync(cached);

        // A missing original is reported as such, before waiting for a slot.
        var originalPath = Path.Combine(root, facts.ImagePath);
        if (!File.Exists(originalPath)) throw new FileNotFoundException("The stimulus image is missing.", originalPath);
        if (!await resizeSlots.WaitAsync(resizeWait))
        {
            throw new ResizeCapacityException();
        }
        byte[] resized;
        try
        {
            var original = await File.ReadAllBytesAsync(originalPath);
            // Decoding and encoding are CPU work: off the request thread, so a burst of cold images cannot starve I/O.
            resized = await Task.Run(() => ImageResizer.ResizeToWebp(original, width));
        }
        finally
        {
            resizeSlots.Release();
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            var partial = cached + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
            await File.WriteAllBytesAsync(partial, resized);
            File.Move(partial, cached, overwrite: true); // readers see a whole file or none
        }
        catch (IOException ex)
        {
            // A read-only or full store still serves images; it only resizes again after a restart.
            logger.LogWarning(ex, "Could not keep the resized image {File} on disk", cached);
        }
        return resized;
    }

    public void Dispose()
    {
        memory.Dispose();
        resizeSlots.Dispose();
    }
}

/// <summary>Every cold-resize slot stayed busy for the whole wait: the caller should retry shortly.</summary>
public sealed class ResizeCapacityException() : Exception("The server is busy resizing other images; retry in a moment.");

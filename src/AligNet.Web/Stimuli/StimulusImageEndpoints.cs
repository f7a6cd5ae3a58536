using System.Globalization;
using AligNet.Data;
using AligNet.Data.Access;
using AligNet.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using AligNet.Data.Stimuli;
using Microsoft.Net.Http.Headers;

namespace AligNet.Web.Stimuli;

/// <summary>
/// <c>GET /api/stimuli/{id}/image?w=WIDTH</c>: the stimulus image as WebP at the smallest served width ≥ WIDTH
/// (<see cref="ImageResizer.Buckets"/>, never wider than the original; without <c>w</c> the largest).
/// Anonymous while a study that uses the image's set is open (participants have no account); otherwise only for
/// staff who may see the set (<see cref="StaffAccess"/>), and to everyone else it does not exist. A variant never
/// changes (its ETag is the original's SHA-256 and the width), so public ones may be kept by proxies for a year.
/// </summary>
public static class StimulusImageEndpoints
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>When every resize slot is busy: the participant page's prefetch retries after this.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>For images only staff may see: the browser may keep them, shared caches may not.</summary>
    public const string PrivateCacheControl = "private, max-age=3600";

    public static string ImageUrl(Guid stimulusId, int width) => $"/api/stimuli/{stimulusId}/image?w={width}";

    public static IServiceCollection AddStimulusImages(this IServiceCollection services) =>
        services.AddSingleton<StimulusImageCache>();

    public static void MapStimulusImageEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stimuli/{stimulusId:guid}/image", ServeAsync).AllowAnonymous();

    private static async Task<IResult> ServeAsync(HttpContext http, StimulusImageCache cache, IDbContextFactory<AligNetDbContext> contexts,
        ILoggerFactory logs, Guid stimulusId, string? w, CancellationToken ct)
    {
        int requested = ImageResizer.Buckets[^1];
        if (w is not null && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out requested) || requested < 1 || requested > ImageResizer.MaxRequestWidth))
        {
            return Results.Problem($"w must be a whole number of pixels from 1 to {ImageResizer.MaxRequestWidth}; got '{w}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (facts, problem) = await cache.FindAsync(stimulusId, ct);
        if (facts is null) return Results.Problem(problem, statusCode: StatusCodes.Status404NotFound);
        var isPublic = await cache.IsPublicSetAsync(facts.SetId, ct);
        if (!isPublic && !await StaffMaySeeAsync(http, contexts, facts.SetId, ct))
        {
            return Results.Problem($"No stimulus with id {stimulusId}.", statusCode: StatusCodes.Status404NotFound);
        }

        var width = ImageResizer.ServedWidth(requested, facts.Width);
        var etag = new EntityTagHeaderValue($"\"{facts.Sha256}-{width}\"");
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = isPublic ? CacheControl : PrivateCacheControl;
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Compare(etag, useStrongComparison: false) || m.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        try
        {
            var bytes = await cache.GetAsync(facts, width, ct);
            return Results.Bytes(bytes, ImageResizer.ContentType);
        }
        catch (ResizeCapacityException busy)
        {
            // Not cacheable: the same URL works a moment later.
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.Remove(HeaderNames.CacheControl);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Problem(busy.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logs.CreateLogger(typeof(StimulusImageEndpoints)).LogWarning("The image file {Path} of stimulus {Id} is missing from the store", facts.ImagePath, stimulusId);
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.Remove(HeaderNames.CacheControl);
            return Results.Problem($"The image file of stimulus {stimulusId} is missing from the stimulus store.", statusCode: StatusCodes.Status404NotFound);
        }
    }

    private static async Task<bool> StaffMaySeeAsync(HttpContext http, IDbContextFactory<AligNetDbContext> contexts, Guid setId, CancellationToken ct)
    {
        if (CurrentStaff.From(http.User) is not { } caller) return false;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await new StaffAccess(db, caller).MaySeeStimulusSetAsync(setId, ct);
    }
}

namespace AligNet.Data.Stimuli;

/// <summary>Where image files live (bound from "Stimuli"). The database stores paths relative to <see cref="Root"/>.</summary>
public sealed class StimulusStoreOptions
{
    public const string Section = "Stimuli";

    /// <summary>Absolute folder; in Docker a volume. Default: <c>.run/stimuli</c> under the working directory.</summary>
    public string Root { get; set; } = Path.Combine(".run", "stimuli");

    /// <summary>Memory the web process may hold for resized images (they also stay on disk under <c>Root/.resized</c>).</summary>
    public int ResizedMemoryCacheMegabytes { get; set; } = 128;

    /// <summary>
    /// Cold resizes (decode + encode, CPU and memory bound) running at once in the web process; more wait up to
    /// <see cref="ResizeWaitMilliseconds"/> and are then answered 503 with Retry-After, so a burst of anonymous
    /// requests for cold images cannot take the CPU from the participant API. Default: the number of cores.
    /// </summary>
    public int MaxConcurrentResizes { get; set; } = Environment.ProcessorCount;

    public int ResizeWaitMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Largest stimulus zip accepted through the web page (MiB). The upload streams to a temporary file and the
    /// import reads one image at a time, so this bounds disk use, not memory. Larger sets: <c>alignet import stimuli</c>.
    /// </summary>
    public long MaxUploadMegabytes { get; set; } = 2048;
}

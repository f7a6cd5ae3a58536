namespace AligNet.Jobs;

/// <summary>Hangfire queue names. A job declares its queue once, on its contract, with <c>[Queue]</c>.</summary>
public static class JobQueues
{
    /// <summary>Training, embedding and generation: served only by workers that own an accelerator (or the CPU fallback).</summary>
    public const string Gpu = "gpu";

    /// <summary>Light work that needs no accelerator.</summary>
    public const string Default = "default";
}

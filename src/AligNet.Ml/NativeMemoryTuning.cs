using System.Runtime.InteropServices;

namespace AligNet.Ml;

/// <summary>
/// Tells glibc to keep freed memory in the process instead of handing large blocks back to the kernel. libtorch
/// allocates and frees big activation and gradient buffers every step; by default glibc serves each one with a fresh
/// mmap, and on these VMs every page of fresh memory costs a fault (~17 µs per 4 KiB). Measured effect: teacher
/// training 2,513 → 4,730 triplets/s, ResNet18 23.7 → 57.3 images/s (benchmarks/README.md). Equivalent to
/// GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=18446744073709551615, but needs no environment
/// variable. The trim threshold is −1 ("disables trimming completely", mallopt(3)), not int.MaxValue: an all-stages
/// ResNet18 step at batch 32 frees more than 2 GiB at once, and a 2 GiB threshold gave that memory back to the kernel
/// after every step, to be faulted in again on the next (87,000 faults a step; benchmarks/README.md, issue 12).
/// </summary>
internal static class NativeMemoryTuning
{
    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD
    private const int MallocMmapMax = -4;       // M_MMAP_MAX

    private static int applied;

    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref applied, 1) == 1) return;
        try
        {
            Mallopt(MallocMmapMax, 0);
            Mallopt(MallocTrimThreshold, -1);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to tune; correctness does not depend on it.
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}

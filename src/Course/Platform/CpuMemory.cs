using System.Runtime.InteropServices;

namespace Course.Platform;

/// <summary>
/// Makes libtorch's CPU tensors reuse memory instead of faulting in fresh pages for every batch (Linux, glibc).
/// Applied once by <see cref="TorchRuntime.EnsureLoaded"/>, before the first tensor is allocated.
/// </summary>
/// <remarks>
/// Why: glibc hands each allocation above its mmap threshold fresh pages from the kernel and returns them on free, so
/// a forward pass whose activations are tens of MB faults every page in again on every batch. On the course's 2-core
/// CI machine (a virtual machine) a first touch costs about 7 µs per 4 KiB page: MnistCnn's forward pass on 256 images
/// took 55–68 ms, of which 20–30 ms were page faults. Two settings remove that:
/// <list type="bullet">
/// <item>glibc's mmap threshold at its maximum (32 MiB) and a trim threshold of 256 MiB, through <c>mallopt</c>: blocks
/// up to 32 MiB come from the heap, and freed ones stay there for the next batch (measured: 34–38 ms for the same
/// forward pass). The cost is that up to 256 MiB of freed memory per heap stays with the process.</item>
/// <item>libtorch's own switch for transparent huge pages, <c>THP_MEM_ALLOC_ENABLE</c>, for what is still mapped
/// fresh (blocks above 32 MiB, e.g. a whole dataset): c10 aligns them to 2 MiB and asks for huge pages. Measured:
/// the first touch of the 188 MB MNIST image tensor fell from 310 ms to 12 ms.</item>
/// </list>
/// <c>bench/run.sh --only data inference</c> measures both (docs/benchmarks.md). Settings the user made are left
/// alone: <c>THP_MEM_ALLOC_ENABLE</c>, and <c>GLIBC_TUNABLES</c> or <c>MALLOC_*_</c> for glibc.
/// </remarks>
public static class CpuMemory
{
    /// <summary>c10's environment variable: 1 makes CPU allocations of 2 MiB and more ask for transparent huge pages.</summary>
    public const string HugePagesVariable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>glibc's mmap threshold as set here: its largest allowed value on 64-bit Linux.</summary>
    public const int MmapThreshold = 32 * 1024 * 1024;

    /// <summary>glibc's trim threshold as set here: freed memory the heap keeps before returning it to the kernel.</summary>
    public const int TrimThreshold = 256 * 1024 * 1024;

    private const string KernelHugePages = "/sys/kernel/mm/transparent_hugepage/enabled";
    private const int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3; // from glibc's malloc.h

    /// <summary>What <see cref="Apply"/> found and did, in words (for the environment report).</summary>
    public static string State { get; private set; } = "not set (TorchSharp not loaded through TorchRuntime)";

    /// <summary>Applies both settings where this platform and the user allow; records what it did in <see cref="State"/>.</summary>
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            State = "platform default (the settings are for Linux)";
            return;
        }
        State = $"{ReuseFreedMemory()}; {UseHugePages()}";
    }

    private static string ReuseFreedMemory()
    {
        if (new[] { "GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_" }
            .FirstOrDefault(v => Environment.GetEnvironmentVariable(v) is not null) is string set)
            return $"glibc allocator left as you set it ({set})";
        try
        {
            if (mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1)
                return $"freed blocks up to {MmapThreshold >> 20} MiB are reused (glibc mmap threshold {MmapThreshold >> 20} MiB, trim threshold {TrimThreshold >> 20} MiB)";
            return "glibc refused the mmap/trim thresholds (allocator defaults)";
        }
        catch (EntryPointNotFoundException)
        {
            return "allocator defaults (the C library is not glibc)";
        }
    }

    private static string UseHugePages()
    {
        if (Environment.GetEnvironmentVariable(HugePagesVariable) is string user)
            return $"{HugePagesVariable}={user} (set by you)";
        string kernel = ReadKernelHugePages();
        // Where the kernel has no huge pages, libtorch would warn on every large allocation.
        if (kernel is "never" or "unavailable")
            return $"no huge pages (the kernel's transparent huge pages are {kernel})";
        // .NET's Environment.SetEnvironmentVariable does not reach the C environment that libtorch's getenv reads.
        if (setenv(HugePagesVariable, "1", 0) != 0)
            return $"no huge pages (setenv failed with errno {Marshal.GetLastPInvokeError()})";
        return $"huge pages for tensors of 2 MiB and more ({HugePagesVariable}=1, kernel mode {kernel})";
    }

    /// <summary>The kernel's transparent huge page mode (always, madvise, never), or "unavailable".</summary>
    private static string ReadKernelHugePages()
    {
        try
        {
            // The file reads e.g. "always [madvise] never": the bracketed word is the mode in force.
            string text = File.ReadAllText(KernelHugePages);
            int open = text.IndexOf('['), close = text.IndexOf(']');
            return open >= 0 && close > open ? text[(open + 1)..close] : "unavailable";
        }
        catch (IOException) { return "unavailable"; }
        catch (UnauthorizedAccessException) { return "unavailable"; }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc")]
    private static extern int mallopt(int param, int value);
}

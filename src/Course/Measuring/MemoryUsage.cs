using System.Diagnostics;

namespace Course.Measuring;

/// <summary>
/// What "memory" means for a .NET process running libtorch, measured three ways. The working set is all physical
/// memory the process holds (code, the .NET heap, and libtorch's tensors, which live in native memory the garbage
/// collector does not see). The GC heap is only the managed .NET objects. Their difference is mostly native memory.
/// </summary>
/// <param name="WorkingSetBytes">Physical memory the process holds now (resident set).</param>
/// <param name="PeakWorkingSetBytes">Highest working set since the process started or since <see cref="MemoryUsage.ResetPeak"/>.</param>
/// <param name="GcHeapBytes">Bytes of managed (.NET) objects on the garbage-collected heap.</param>
public sealed record MemorySnapshot(long WorkingSetBytes, long PeakWorkingSetBytes, long GcHeapBytes)
{
    /// <summary>Working set minus GC heap: native allocations (libtorch tensors, buffers), loaded code and the runtime.</summary>
    public long NonGcBytes => WorkingSetBytes - GcHeapBytes;

    /// <inheritdoc/>
    public override string ToString() =>
        $"working set {MemoryUsage.Mb(WorkingSetBytes):0.0} MB (peak {MemoryUsage.Mb(PeakWorkingSetBytes):0.0} MB), GC heap {MemoryUsage.Mb(GcHeapBytes):0.0} MB, other (native, code) {MemoryUsage.Mb(NonGcBytes):0.0} MB";
}

/// <summary>How much more memory a piece of code needed at its peak than before it started.</summary>
/// <param name="Before">Snapshot before the code ran (after a garbage collection).</param>
/// <param name="After">Snapshot after it ran.</param>
/// <param name="PeakIsForThisRun">True when the peak was reset before the run (Linux), so it belongs to this code alone;
/// false when it is the whole process's peak and only an upper bound.</param>
public sealed record MemoryMeasurement(MemorySnapshot Before, MemorySnapshot After, bool PeakIsForThisRun)
{
    /// <summary>Peak working set during the run minus the working set before it.</summary>
    public long PeakExtraBytes => Math.Max(0, After.PeakWorkingSetBytes - Before.WorkingSetBytes);

    /// <inheritdoc/>
    public override string ToString() =>
        $"peak extra working set {MemoryUsage.Mb(PeakExtraBytes):0.0} MB{(PeakIsForThisRun ? "" : " (process-lifetime peak: an upper bound)")}; " +
        $"GC heap {MemoryUsage.Mb(Before.GcHeapBytes):0.0} → {MemoryUsage.Mb(After.GcHeapBytes):0.0} MB";
}

/// <summary>Reads the process's memory and measures the peak memory of a piece of code.</summary>
public static class MemoryUsage
{
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>The process's memory now.</summary>
    public static MemorySnapshot Now()
    {
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(process.WorkingSet64, process.PeakWorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>
    /// Resets the kernel's peak-resident-memory counter (Linux ≥ 4.0: writing 5 to /proc/self/clear_refs), so the
    /// next peak belongs to code run after this call. Returns false where that is not possible (other systems).
    /// </summary>
    public static bool ResetPeak()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(ClearRefs)) return false;
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> and reports its peak working set above the level before it. Collects garbage
    /// first, so earlier garbage does not count; the peak includes native (libtorch) memory, which is where tensors live.
    /// </summary>
    public static MemoryMeasurement Measure(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        bool reset = ResetPeak();
        var before = Now();
        action();
        return new MemoryMeasurement(before, Now(), reset);
    }

    internal static double Mb(long bytes) => bytes / 1e6;
}

using Course.Measuring;
using Course.Platform;
using Course.Tests.Runtime;
using static TorchSharp.torch;

namespace Course.Tests.Measuring;

/// <summary>Reads the process's working set and GC heap, so it runs apart from the parallel tests (see the collection).</summary>
[Collection(ProcessStateCollection.Name)]
public class MemoryUsageTests
{
    public MemoryUsageTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Native_tensor_memory_shows_in_the_working_set_but_not_the_gc_heap()
    {
        MemorySnapshot during = null!;
        long managedBytes = 0;
        var measured = MemoryUsage.Measure(() =>
        {
            // What this thread allocates on the GC heap is counted for this thread alone, whatever else runs.
            long managedBefore = GC.GetAllocatedBytesForCurrentThread();
            using var big = ones(20_000_000); // 80 MB, every page written
            managedBytes = GC.GetAllocatedBytesForCurrentThread() - managedBefore;
            during = MemoryUsage.Now();
        });
        long grown = during.WorkingSetBytes - measured.Before.WorkingSetBytes;
        Assert.True(grown > 70e6, $"the working set grew by {grown} bytes for an 80 MB tensor");
        Assert.True(managedBytes < 1e6, $"creating the tensor allocated {managedBytes} bytes of .NET objects; its data should be native");
        Assert.True(Math.Abs(during.GcHeapBytes - measured.Before.GcHeapBytes) < 10e6, $"GC heap {measured.Before.GcHeapBytes} → {during.GcHeapBytes} bytes");
        Assert.True(measured.PeakExtraBytes > 70e6, measured.ToString());
        Assert.Equal(OperatingSystem.IsLinux(), measured.PeakIsForThisRun);
    }
}

using System.Runtime.InteropServices;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Runtime;

/// <summary>Reads glibc's counters and the process's huge pages, so it runs alone: another test's tensors would move them.</summary>
[CollectionDefinition(nameof(CpuMemoryTests), DisableParallelization = true)]
public sealed class CpuMemoryCollection;

[Collection(nameof(CpuMemoryTests))]
public class CpuMemoryTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Batch_sized_tensors_come_from_the_heap_not_from_fresh_mappings()
    {
        TorchRuntime.EnsureLoaded();
        Assert.StartsWith("freed blocks up to 32 MiB are reused", CpuMemory.State);

        var first = Batch();
        var second = Batch();

        // glibc's default (128 KiB threshold, raised only after frees) maps a first 24 MiB block with mmap and unmaps
        // it on free; the next one then grows the heap, and either way every page is faulted in again.
        // Whether the heap then hands the freed block to the next batch depends on what earlier code left in this
        // thread's arena (libtorch asks for 2 MiB-aligned blocks; a hole one alignment short is skipped), so this test
        // does not assert it: that varies with the order tests run in.
        Assert.True(first < 2 * MiB, $"the first batch mapped {first} bytes");
        Assert.True(second < 2 * MiB, $"the second batch mapped {second} bytes");
    }

    /// <summary>Allocates, touches and frees one batch-sized (24 MiB) tensor; returns how much more glibc had mapped while it lived.</summary>
    private static long Batch()
    {
        var before = mallinfo2();
        using var activation = empty(24 * MiB / sizeof(float));
        activation.fill_(1);
        return (long)mallinfo2().hblkhd - (long)before.hblkhd;
    }

    [Fact]
    public void Large_tensors_are_backed_by_huge_pages_when_the_kernel_offers_them()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Contains("[madvise]", File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled")); // the course's test machines
        Assert.Contains("huge pages for tensors of 2 MiB and more", CpuMemory.State);

        long before = AnonHugePagesKiB();
        using var dataset = ones(64 * MiB / sizeof(float)); // above the mmap threshold, like a whole dataset
        long after = AnonHugePagesKiB();

        // Most of the 64 MiB arrives as 2 MiB pages; without the switch this grows by 0.
        Assert.True(after - before >= 32 * 1024, $"AnonHugePages grew by {after - before} KiB");
    }

    private static long AnonHugePagesKiB()
    {
        string line = File.ReadLines("/proc/self/smaps_rollup").Single(l => l.StartsWith("AnonHugePages:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();
}

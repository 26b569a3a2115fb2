using System.Runtime.InteropServices;
using Course.Runtime;
using static TorchSharp.torch;

namespace Course.Tests.Runtime;

/// <summary>Reads glibc's heap counters, so it runs alone: another test's tensors would move them.</summary>
[CollectionDefinition(nameof(CpuMemoryTests), DisableParallelization = true)]
public sealed class CpuMemoryCollection;

[Collection(nameof(CpuMemoryTests))]
public class CpuMemoryTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_batch_sized_tensor_comes_from_the_heap_and_its_memory_stays_for_the_next_batch()
    {
        TorchRuntime.EnsureLoaded();
        Assert.StartsWith("freed blocks up to 32 MiB are reused", CpuMemory.State);

        // On a thread of its own, as a training loop runs: glibc gives it its own heap (arena), so what earlier tests
        // left in the heap of the test runner's threads cannot decide whether a freed block fits the next batch.
        // That heap may still need to grow for the first batch; the claim is about the batches after it.
        (MallInfo2 During, long MappedGrowth) first = default, second = default, third = default;
        MallInfo2 between = default;
        var loop = new Thread(() =>
        {
            first = Batch();
            second = Batch();
            between = mallinfo2();
            third = Batch();
        });
        loop.Start();
        loop.Join();

        // glibc's default (128 KiB threshold, raised only after frees) maps a first 24 MiB block with mmap and unmaps
        // it on free; the next one then grows the heap, and either way every page is faulted in again.
        Assert.True(first.MappedGrowth < 2 * MiB, $"the first batch mapped {first.MappedGrowth} bytes");
        Assert.True(second.MappedGrowth < 2 * MiB, $"the second batch mapped {second.MappedGrowth} bytes");
        Assert.True(third.MappedGrowth < 2 * MiB, $"the third batch mapped {third.MappedGrowth} bytes");
        // Reused, the heap stays put but for the odd page of small allocations; not reused, it grows by the 24 MiB.
        Assert.True((long)third.During.arena - (long)between.arena < 1 * MiB, $"the heap grew from {between.arena} to {third.During.arena} bytes for the third batch");
    }

    /// <summary>Allocates, touches and frees one batch-sized (24 MiB) tensor; returns glibc's counters while it lived.</summary>
    private static (MallInfo2 During, long MappedGrowth) Batch()
    {
        var before = mallinfo2();
        using var activation = empty(24 * MiB / sizeof(float));
        activation.fill_(1);
        var during = mallinfo2();
        return (during, (long)during.hblkhd - (long)before.hblkhd);
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

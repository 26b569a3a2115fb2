using Course.Compression;
using Course.Training;

namespace Course.Tests.Compression;

public sealed class DataParallelTests
{
    [Fact]
    public void Ring_all_reduce_moves_twice_the_bytes_times_n_minus_1_over_n()
    {
        Assert.Equal(0, DataParallel.AllReduceSeconds(1_000_000, 1, 1e9));
        Assert.Equal(2.0 * 3 / 4 * 4e8 / 1e10, DataParallel.AllReduceSeconds(400_000_000, 4, 1e10), 12);
        Assert.Equal(1.5e-3 + 1e-5, DataParallel.AllReduceSeconds(1_000_000, 4, 1e9, latencySeconds: 1e-5), 12);
    }

    [Fact]
    public void Speed_up_is_bounded_by_the_worker_count_and_by_communication()
    {
        double free = DataParallel.SpeedUp(1.0, gradientBytes: 0, workers: 8, bytesPerSecond: 1e9);
        Assert.Equal(8, free, 9);
        double costly = DataParallel.SpeedUp(0.01, gradientBytes: 100_000_000, workers: 8, bytesPerSecond: 1e9);
        Assert.True(costly < 1, $"a step whose all-reduce takes longer than its compute is slower on 8 workers (got {costly})");
        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallel.AllReduceSeconds(1, 0, 1e9));
    }
}

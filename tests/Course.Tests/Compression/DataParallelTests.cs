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
        // Four workers: 6 messages, each paying the latency once.
        Assert.Equal(1.5e-3 + 6 * 1e-5, DataParallel.AllReduceSeconds(1_000_000, 4, 1e9, latencySeconds: 1e-5), 12);
    }

    [Fact]
    public void Speed_up_is_bounded_by_the_worker_count_and_by_communication()
    {
        double free = DataParallel.SpeedUp(1.0, gradientBytes: 0, workers: 8, bytesPerSecond: 1e9);
        Assert.Equal(8, free, 9);
        double costly = DataParallel.SpeedUp(0.01, gradientBytes: 100_000_000, workers: 8, bytesPerSecond: 1e9);
        Assert.True(costly < 1, $"a step whose all-reduce takes longer than its compute is slower on 8 workers (got {costly})");
        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallel.AllReduceSeconds(1, 0, 1e9));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallel.AllReduceSeconds(1, 2, 1e9, latencySeconds: -1e-6));
    }

    [Fact]
    public void Latency_grows_with_the_ring_so_a_tiny_model_stops_gaining_from_more_workers()
    {
        // 1 MB of gradients, 10 ms of compute, 30 GB/s links with 20 µs per message: 16 workers pay 30 latencies.
        double Speed(int n) => DataParallel.SpeedUp(0.01, 1_000_000, n, 30e9, latencySeconds: 20e-6);
        Assert.True(Speed(8) > Speed(2), $"8 workers beat 2 ({Speed(8):F2} vs {Speed(2):F2})");
        Assert.True(Speed(64) < Speed(16), $"past some size the latency of 2(n−1) messages outweighs the split compute ({Speed(64):F2} vs {Speed(16):F2})");
    }
}

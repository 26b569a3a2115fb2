namespace Course.Training;

/// <summary>
/// The cost model of synchronous data-parallel training: every step, each of <c>workers</c> computes gradients on its
/// share of the batch, then all workers average their gradients with an all-reduce. A ring all-reduce sends and
/// receives 2·(n−1)/n of the gradient bytes per worker (Patarasuk and Yuan 2009), in 2·(n−1) messages, so its
/// bandwidth time barely grows with n but never goes away, and its latency time grows with n (the α–β model:
/// time = messages · α + bytes / β). These are estimates from stated assumptions, not measurements.
/// </summary>
public static class DataParallel
{
    /// <summary>
    /// Seconds for one ring all-reduce of <paramref name="bytes"/>: 2·(n−1) messages of bytes/n each, over links that move
    /// <paramref name="bytesPerSecond"/> in each direction, each message paying <paramref name="latencySeconds"/> first.
    /// </summary>
    public static double AllReduceSeconds(long bytes, int workers, double bytesPerSecond, double latencySeconds = 0)
    {
        if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Gradient bytes cannot be negative.");
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "Use at least one worker.");
        if (!(bytesPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "Bandwidth must be positive (bytes per second, in one direction).");
        if (!(latencySeconds >= 0)) throw new ArgumentOutOfRangeException(nameof(latencySeconds), latencySeconds, "Latency per message cannot be negative (seconds, e.g. 5e-6).");
        if (workers == 1) return 0;
        int messages = 2 * (workers - 1);
        return messages * latencySeconds + 2.0 * (workers - 1) / workers * bytes / bytesPerSecond;
    }

    /// <summary>
    /// Estimated speed-up of one training step on <paramref name="workers"/> workers over one: compute splits n ways,
    /// the all-reduce is added on top (no overlap of communication with compute assumed — the pessimistic case).
    /// </summary>
    public static double SpeedUp(double computeSecondsOneWorker, long gradientBytes, int workers, double bytesPerSecond, double latencySeconds = 0)
    {
        if (!(computeSecondsOneWorker > 0)) throw new ArgumentOutOfRangeException(nameof(computeSecondsOneWorker), computeSecondsOneWorker, "Measure a positive step time first.");
        double step = computeSecondsOneWorker / workers + AllReduceSeconds(gradientBytes, workers, bytesPerSecond, latencySeconds);
        return computeSecondsOneWorker / step;
    }
}

using Course.Platform;
using TorchSharp;

namespace Course.Training;

/// <summary>
/// One call that makes a run repeatable: seeds libtorch (CPU and CUDA) and the random sources the course
/// library uses (data shuffling, augmentation, synthetic data). With the thread count fixed, two CPU runs
/// after the same <see cref="Set"/> produce the same losses bit for bit.
/// </summary>
public static class Seeds
{
    private static readonly object Gate = new();
    private static Random random = new(0);

    /// <summary>The seed last passed to <see cref="Set"/>, or null when none was set.</summary>
    public static long? Current { get; private set; }

    /// <summary>Seeds everything random in the course with <paramref name="seed"/>.</summary>
    public static void Set(long seed)
    {
        TorchRuntime.EnsureLoaded();
        lock (Gate)
        {
            torch.random.manual_seed(seed);
            if (torch.cuda.is_available()) torch.cuda.manual_seed_all(seed);
            random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
            Current = seed;
        }
    }

    /// <summary>
    /// A seed for a new random source (a data loader, an augmentation): drawn from the seeded sequence, so it is
    /// repeatable after <see cref="Set"/>, and different for each source that asks.
    /// </summary>
    public static long Next()
    {
        lock (Gate) return random.NextInt64(0, long.MaxValue);
    }
}

using System.Diagnostics;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Metrics;

/// <summary>Timings of repeated runs (milliseconds, in run order) and their summary.</summary>
public sealed record TimingResult(IReadOnlyList<double> SamplesMs, LatencyStats Summary)
{
    /// <inheritdoc/>
    public override string ToString() => Summary.ToString();
}

/// <summary>
/// Measures code the honest way: a few warm-up runs first (first calls pay for JIT, allocation and kernel
/// selection), then many timed repeats, and on a GPU the clock is read only after the device has finished
/// (GPU work is asynchronous: without synchronising you time the launch, not the work).
/// </summary>
public static class Timing
{
    /// <summary>
    /// Runs <paramref name="action"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed.
    /// <paramref name="device"/> is where the work runs (default the course device); CUDA is synchronised around each run.
    /// </summary>
    public static TimingResult Measure(Action action, int warmup = 3, int repeats = 20, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (warmup < 0) throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "Warm-up runs cannot be negative.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "Time at least one run.");
        device ??= TorchRuntime.Device;
        for (int i = 0; i < warmup; i++) action();
        var samples = new double[repeats];
        for (int i = 0; i < repeats; i++) samples[i] = Once(action, device).TotalMilliseconds;
        return new TimingResult(samples, LatencyStats.From(samples));
    }

    /// <summary>
    /// Times two pieces of code side by side: both are warmed up, then their timed runs alternate (first, second,
    /// second, first, …), so a busy spell of the machine or a slow drift slows both alike. Measuring one and then the
    /// other lets whichever runs second inherit warmer caches and memory, or miss a spell of load: two back-to-back
    /// <see cref="Measure"/> calls can differ by a third for identical work on a shared 2-core machine.
    /// </summary>
    public static (TimingResult First, TimingResult Second) Compare(Action first, Action second, int warmup = 3, int repeats = 20, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (warmup < 0) throw new ArgumentOutOfRangeException(nameof(warmup), warmup, "Warm-up runs cannot be negative.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "Time at least one run of each.");
        device ??= TorchRuntime.Device;
        for (int i = 0; i < warmup; i++) { first(); second(); }
        var a = new double[repeats];
        var b = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            // Swapping who goes first each round keeps "runs right after the other one" equal for both.
            if (i % 2 == 0)
            {
                a[i] = Once(first, device).TotalMilliseconds;
                b[i] = Once(second, device).TotalMilliseconds;
            }
            else
            {
                b[i] = Once(second, device).TotalMilliseconds;
                a[i] = Once(first, device).TotalMilliseconds;
            }
        }
        return (new TimingResult(a, LatencyStats.From(a)), new TimingResult(b, LatencyStats.From(b)));
    }

    /// <summary>Times one run of <paramref name="action"/>, synchronising <paramref name="device"/> before starting and before stopping the clock.</summary>
    public static TimeSpan Once(Action action, Device? device = null)
    {
        device ??= TorchRuntime.Device;
        Synchronize(device);
        long start = Stopwatch.GetTimestamp();
        action();
        Synchronize(device);
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Waits until all queued work on <paramref name="device"/> is done (no-op on the CPU, where work is synchronous).</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == TorchSharp.DeviceType.CUDA) cuda.synchronize(device);
    }
}

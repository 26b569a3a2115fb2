using TorchSharp;

namespace Course.Platform;

/// <summary>
/// The one place the course starts TorchSharp: fixes the native library where needed, loads it, and chooses
/// the device and thread count. Every entry point (notebooks, CLI, tests, benchmarks) calls <see cref="EnsureLoaded"/>.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Environment variable choosing the device: <c>auto</c> (default: CUDA when available), <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public const string DeviceVariable = "COURSE_DEVICE";

    /// <summary>Environment variable fixing the number of CPU threads libtorch uses (default: the CPUs the process may use, see <see cref="CpuBudget"/>).</summary>
    public const string ThreadsVariable = "COURSE_THREADS";

    private static readonly object Gate = new();
    private static torch.Device? device;
    private static LibStdCxxCompat.Report? compat;
    private static CpuBudget.Decision? threadDecision;

    /// <summary>How the CPU thread count was chosen (null before the first load).</summary>
    public static CpuBudget.Decision? ThreadDecision
    {
        get { lock (Gate) return threadDecision; }
    }

    /// <summary>What the libstdc++ workaround found and did when TorchSharp was loaded (null before the first load).</summary>
    public static LibStdCxxCompat.Report? CompatReport
    {
        get { lock (Gate) return compat; }
    }

    /// <summary>Loads TorchSharp's native backend once per process; throws <see cref="TorchLoadException"/> with a fix if it cannot.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (device is not null) return;
            compat = LibStdCxxCompat.Apply();
            CpuMemory.Apply(); // before libtorch's first allocation: c10 reads its huge-page switch once
            try
            {
                // Any call into libtorch loads the native backend; this one has no side effects.
                _ = torch.get_num_threads();
            }
            catch (Exception e)
            {
                throw TorchLoadException.From(e, compat);
            }
            // libtorch sizes its pool by the host's cores; in a pod with a CPU quota that oversubscribes it.
            var decision = CpuBudget.ForThisProcess();
            if (torch.get_num_threads() != decision.Threads) torch.set_num_threads(decision.Threads);
            threadDecision = decision;
            device = ChooseDevice(Environment.GetEnvironmentVariable(DeviceVariable));
        }
    }

    /// <summary>The device the course trains on: CUDA when available, else CPU; <see cref="DeviceVariable"/> overrides.</summary>
    public static torch.Device Device
    {
        get { EnsureLoaded(); return device!; }
    }

    /// <summary>Number of threads libtorch uses for intra-op parallelism on the CPU.</summary>
    public static int Threads
    {
        get { EnsureLoaded(); return torch.get_num_threads(); }
    }

    /// <summary>Sets the device for the rest of the process (e.g. a notebook cell that compares CPU and GPU).</summary>
    public static void UseDevice(string spec)
    {
        EnsureLoaded();
        lock (Gate) device = ChooseDevice(spec);
    }

    internal static torch.Device ChooseDevice(string? spec)
    {
        spec = string.IsNullOrWhiteSpace(spec) ? "auto" : spec.Trim().ToLowerInvariant();
        if (spec == "auto")
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (spec == "cpu")
            return torch.CPU;
        if (spec == "cuda" || spec.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException(
                    $"{DeviceVariable}={spec} asks for a CUDA GPU, but none is available to libtorch here " +
                    "(no GPU, no driver, or the CPU backend is installed). Unset it or set it to 'cpu' or 'auto'. " +
                    "`course doctor` shows what was found.");
            return torch.device(spec);
        }
        throw new ArgumentException(
            $"{DeviceVariable}='{spec}' is not a device. Use 'auto', 'cpu', 'cuda' or 'cuda:N'.", nameof(spec));
    }
}

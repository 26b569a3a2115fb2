using System.Globalization;

namespace Course.Platform;

/// <summary>
/// GPU facts TorchSharp 0.107 does not expose (its torch.cuda has only is_available, is_cudnn_available and
/// device_count): name, memory and compute capability, asked of the driver's own <c>nvidia-smi</c> tool.
/// </summary>
public static class NvidiaSmi
{
    /// <summary>One GPU as the driver reports it.</summary>
    /// <param name="Index">CUDA device index.</param>
    /// <param name="Name">Marketing name, e.g. "NVIDIA A10G".</param>
    /// <param name="MemoryMiB">Total memory in MiB, or null when not reported.</param>
    /// <param name="ComputeCapability">e.g. "8.6", or "unknown" (older drivers lack the compute_cap field).</param>
    /// <param name="Driver">Driver version, e.g. "570.86.15".</param>
    public sealed record Gpu(int Index, string Name, long? MemoryMiB, string ComputeCapability, string Driver);

    /// <summary>The GPUs nvidia-smi lists, or null when nvidia-smi is absent, fails or times out.</summary>
    public static IReadOnlyList<Gpu>? Query(TimeSpan? timeout = null)
    {
        // compute_cap appeared in driver 510; older drivers reject the whole query, so fall back without it.
        return Run("index,name,memory.total,compute_cap,driver_version", timeout)
            ?? Run("index,name,memory.total,driver_version", timeout);
    }

    private static IReadOnlyList<Gpu>? Run(string fields, TimeSpan? timeout)
    {
        string? output = ExternalTool.Run("nvidia-smi", $"--query-gpu={fields} --format=csv,noheader,nounits", timeout ?? TimeSpan.FromSeconds(10));
        if (output is null) return null;
        bool hasCap = fields.Contains("compute_cap", StringComparison.Ordinal);
        var gpus = new List<Gpu>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split(',', StringSplitOptions.TrimEntries);
            if (f.Length < (hasCap ? 5 : 4) || !int.TryParse(f[0], out int index)) continue;
            long? memory = long.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long m) ? m : null;
            gpus.Add(new Gpu(index, f[1], memory, hasCap ? f[3] : "unknown", hasCap ? f[4] : f[3]));
        }
        return gpus;
    }
}

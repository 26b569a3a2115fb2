using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace Course.Platform;

/// <summary>
/// What this machine runs the course on: OS, .NET, TorchSharp and libtorch, device, threads, GPUs, the libstdc++
/// workaround and quick mode. A notebook's first cell is <c>EnvironmentReport.Collect()</c>, so every result in
/// it can be read against the hardware that produced it.
/// </summary>
/// <param name="OperatingSystem">OS description, e.g. "Debian GNU/Linux 12 (bookworm)".</param>
/// <param name="DotNetRuntime">The running .NET runtime, e.g. ".NET 10.0.0".</param>
/// <param name="TorchSharpVersion">TorchSharp's informational version (without the commit hash).</param>
/// <param name="LibTorchVersion">The libtorch version TorchSharp was built against, e.g. "2.10.0.0".</param>
/// <param name="Backend">The libtorch build the process loaded: cpu, cuda or unknown.</param>
/// <param name="NativeFolder">Where libLibTorchSharp.so was loaded from, when known.</param>
/// <param name="Device">The device the course trains on (see <see cref="TorchRuntime.Device"/>).</param>
/// <param name="TorchThreads">libtorch's intra-op CPU threads.</param>
/// <param name="LogicalCores">Logical processors available to this process.</param>
/// <param name="CudaAvailable">torch.cuda.is_available().</param>
/// <param name="CudaDeviceCount">torch.cuda.device_count() (0 without CUDA).</param>
/// <param name="Gpus">Name, memory and compute capability from nvidia-smi; empty when it is absent.</param>
/// <param name="LibStdCxxWorkaround">needed / applied / already / problems, in words.</param>
/// <param name="CpuMemory">How CPU tensor memory is allocated and reused (see <see cref="Platform.CpuMemory"/>).</param>
/// <param name="QuickMode">True when COURSE_QUICK asks notebooks for short runs.</param>
public sealed record EnvironmentReport(
    string OperatingSystem,
    string DotNetRuntime,
    string TorchSharpVersion,
    string LibTorchVersion,
    string Backend,
    string? NativeFolder,
    string Device,
    int TorchThreads,
    int LogicalCores,
    bool CudaAvailable,
    int CudaDeviceCount,
    IReadOnlyList<NvidiaSmi.Gpu> Gpus,
    string LibStdCxxWorkaround,
    string CpuMemory,
    bool QuickMode)
{
    /// <summary>Loads TorchSharp (if not yet loaded) and gathers the report.</summary>
    public static EnvironmentReport Collect()
    {
        TorchRuntime.EnsureLoaded();
        var backend = NativeBackend.Detect();
        bool cuda = torch.cuda.is_available();
        return new EnvironmentReport(
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            TorchSharpVersionOf(typeof(torch).Assembly),
            torch.__version__,
            backend.Name,
            backend.Folder,
            TorchRuntime.Device.ToString(),
            TorchRuntime.Threads,
            Environment.ProcessorCount,
            cuda,
            cuda ? torch.cuda.device_count() : 0,
            (cuda ? NvidiaSmi.Query() : null) ?? Array.Empty<NvidiaSmi.Gpu>(),
            DescribeWorkaround(TorchRuntime.CompatReport),
            Platform.CpuMemory.State,
            CourseMode.Quick);
    }

    /// <summary>The libstdc++ workaround's state in one line (see <see cref="LibStdCxxCompat"/>).</summary>
    public static string DescribeWorkaround(LibStdCxxCompat.Report? report)
    {
        if (report is null) return "unknown (TorchSharp not loaded through TorchRuntime)";
        if (!report.Needed) return $"not needed (system libstdc++ provides {LibStdCxxCompat.BlockingVersion})";
        var parts = new List<string>();
        if (report.Patched.Count > 0) parts.Add($"applied now to {report.Patched.Count} file(s)");
        if (report.AlreadyFixed.Count > 0) parts.Add($"already applied to {report.AlreadyFixed.Count} file(s)");
        if (report.Problems.Count > 0) parts.Add($"PROBLEMS: {string.Join("; ", report.Problems)}");
        if (parts.Count == 0) parts.Add("needed, but no copy of libLibTorchSharp.so was found to fix");
        return $"needed ({LibStdCxxCompat.BlockingVersion} missing): " + string.Join(", ", parts);
    }

    /// <summary>The report as label/value pairs, in display order (used by <see cref="ToString"/> and <see cref="ToHtml"/>).</summary>
    public IReadOnlyList<(string Label, string Value)> Rows()
    {
        var rows = new List<(string, string)>
        {
            ("OS", OperatingSystem),
            (".NET runtime", DotNetRuntime),
            ("TorchSharp", TorchSharpVersion),
            ("libtorch", $"{LibTorchVersion} ({Backend} backend)"),
            ("device", Device),
            ("CPU threads", $"{TorchThreads} libtorch threads, {LogicalCores} logical cores"),
            ("CUDA", CudaAvailable ? $"available, {CudaDeviceCount} device(s)" : "not available (CPU only)"),
        };
        for (int i = 0; i < CudaDeviceCount; i++)
        {
            var gpu = Gpus.FirstOrDefault(g => g.Index == i);
            rows.Add(($"GPU {i}", gpu is null
                ? "name, memory and compute capability unknown (nvidia-smi not found; TorchSharp 0.107 does not expose them)"
                : $"{gpu.Name}, {(gpu.MemoryMiB is long m ? $"{m / 1024.0:F1} GiB" : "memory unknown")}, compute capability {gpu.ComputeCapability}, driver {gpu.Driver}"));
        }
        rows.Add(("libstdc++ workaround", LibStdCxxWorkaround));
        rows.Add(("CPU memory", CpuMemory));
        rows.Add(("quick mode", QuickMode ? $"on ({CourseMode.QuickVariable})" : "off"));
        return rows;
    }

    /// <summary>One aligned "label  value" line per fact.</summary>
    public override string ToString()
    {
        var rows = Rows();
        int width = rows.Max(r => r.Label.Length);
        var text = new StringBuilder();
        foreach (var (label, value) in rows)
            text.Append(label.PadRight(width)).Append("  ").AppendLine(value);
        return text.ToString();
    }

    /// <summary>A small self-contained HTML table, for notebook display.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"course-environment\">");
        foreach (var (label, value) in Rows())
            html.Append("<tr><th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(label))
                .Append("</th><td style=\"text-align:left\">").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        return html.Append("</table>").ToString();
    }

    private static string TorchSharpVersionOf(Assembly assembly)
    {
        string? info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return (info ?? assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
    }
}

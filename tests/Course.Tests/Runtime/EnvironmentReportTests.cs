using Course.Platform;

namespace Course.Tests.Runtime;

public class EnvironmentReportTests
{
    [Fact]
    public void Collect_reports_the_backend_versions_and_device_this_build_restored()
    {
        var report = EnvironmentReport.Collect();
        // A GPU is there when nvidia-smi lists one; libtorch can use it only with the cuda backend package.
        bool gpuUsable = RestoredPackages.Backend == "cuda" && NvidiaSmi.Query() is { Count: > 0 };

        Assert.Equal(RestoredPackages.Backend, report.Backend);
        Assert.Equal(gpuUsable, report.CudaAvailable);
        // The device is the GPU when usable, unless COURSE_DEVICE names one ("cpu" on a GPU machine).
        string chosen = Environment.GetEnvironmentVariable(TorchRuntime.DeviceVariable)?.Trim().ToLowerInvariant() is { Length: > 0 } spec and not "auto"
            ? spec : gpuUsable ? "cuda" : "cpu";
        Assert.Equal(chosen.Split(':')[0], report.Device.Split(':')[0]);
        Assert.Equal(gpuUsable, report.CudaDeviceCount > 0);
        Assert.True(report.TorchThreads > 0);
        Assert.Equal(Environment.ProcessorCount, report.LogicalCores);
        Assert.True(File.Exists(Path.Combine(report.NativeFolder!, "libLibTorchSharp.so")), report.NativeFolder);
        Assert.StartsWith(RestoredPackages.TorchSharp, report.TorchSharpVersion);
        Assert.DoesNotContain("+", report.TorchSharpVersion);
        Assert.StartsWith(RestoredPackages.LibTorch, report.LibTorchVersion);
        Assert.StartsWith($".NET {Environment.Version.Major}", report.DotNetRuntime);
        // Debian 12 needs the workaround; after EnsureLoaded it is applied (now or earlier) without problems.
        Assert.Matches("^(not needed|needed .*(applied now|already applied))", report.LibStdCxxWorkaround);
        Assert.DoesNotContain("PROBLEMS", report.LibStdCxxWorkaround);
    }

    [Fact]
    public void ToString_aligns_values_in_one_column()
    {
        var lines = Sample().ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains(lines, l => l.StartsWith("device ") && l.EndsWith("  cuda:0"));
        int column = Sample().Rows().Max(r => r.Label.Length) + 2;
        Assert.All(lines, l => Assert.NotEqual(' ', l[column]));
        Assert.All(lines, l => Assert.Equal(' ', l[column - 1]));
        Assert.Contains(lines, l => l.Contains("GPU 0") && l.Contains("NVIDIA A10G, 22.0 GiB, compute capability 8.6"));
        Assert.Contains(lines, l => l.Contains("GPU 1") && l.Contains("unknown"));
        Assert.Contains(lines, l => l.StartsWith("quick mode") && l.Contains("on (COURSE_QUICK)"));
    }

    [Fact]
    public void ToHtml_is_one_table_with_a_row_per_fact_and_encodes_text()
    {
        var sample = Sample() with { OperatingSystem = "Linux <b>&" };
        string html = sample.ToHtml();

        Assert.StartsWith("<table", html);
        Assert.EndsWith("</table>", html);
        Assert.Equal(sample.Rows().Count, html.Split("<tr>").Length - 1);
        Assert.Contains("Linux &lt;b&gt;&amp;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Workaround_description_names_each_state()
    {
        var none = Array.Empty<string>();
        Assert.StartsWith("not needed", EnvironmentReport.DescribeWorkaround(new LibStdCxxCompat.Report(false, none, none, none)));
        Assert.Contains("applied now to 1 file(s)", EnvironmentReport.DescribeWorkaround(new LibStdCxxCompat.Report(true, new[] { "a" }, none, none)));
        Assert.Contains("already applied to 2 file(s)", EnvironmentReport.DescribeWorkaround(new LibStdCxxCompat.Report(true, none, new[] { "a", "b" }, none)));
        Assert.Contains("PROBLEMS: x: read-only", EnvironmentReport.DescribeWorkaround(new LibStdCxxCompat.Report(true, none, none, new[] { "x: read-only" })));
        Assert.Contains("no copy", EnvironmentReport.DescribeWorkaround(new LibStdCxxCompat.Report(true, none, none, none)));
        Assert.StartsWith("unknown", EnvironmentReport.DescribeWorkaround(null));
    }

    private static EnvironmentReport Sample() => new(
        "Linux", ".NET 10.0.0", "0.107.0", "2.10.0.0", "cuda", "/x", "cuda:0", 8, 16, true, 2,
        new[] { new NvidiaSmi.Gpu(0, "NVIDIA A10G", 22528, "8.6", "570.86.15") },
        "not needed", "freed blocks up to 32 MiB are reused; huge pages for tensors of 2 MiB and more", QuickMode: true);
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Platform;

namespace Course.Bench;

/// <summary>
/// The Jupyter kernel as learners meet it: installed as a kernelspec (in a temporary prefix) and driven by Debian's
/// jupyter_client through the real protocol (bench/kernel_roundtrip.py): start to first reply, first cell, and the
/// warm round trips of kernel_info and of `1+1`.
/// </summary>
public sealed class KernelBench(Settings settings, BenchTable table, TextWriter log, string python)
{
    private const string Name = "course-csharp-bench";

    /// <summary>Measures and adds the kernel rows.</summary>
    public void Run()
    {
        log.WriteLine("Jupyter kernel …");
        var prefix = Directory.CreateTempSubdirectory("course-bench-kernel-").FullName;
        try
        {
            var cli = Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll");
            Check(ExternalTool.Run(new ProcessStartInfo("dotnet", ["exec", cli, "kernel", "install", "--prefix", prefix, "--name", Name]), TimeSpan.FromMinutes(2)),
                "course kernel install");
            int repeats = settings.QuickMode ? 20 : 100;
            var start = new ProcessStartInfo(python, [Path.Combine("bench", "kernel_roundtrip.py"), repeats.ToString()])
            {
                Environment = { ["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter"), ["COURSE_KERNEL_NAME"] = Name },
            };
            var output = Check(ExternalTool.Run(start, TimeSpan.FromMinutes(5)), "bench/kernel_roundtrip.py");
            var result = JsonNode.Parse(output.Trim().Split('\n')[^1])!;

            table.Add(new BenchRow("kernel", "start → first kernel_info reply", "s", (double)result["ready_s"]!, null,
                "jupyter_client KernelManager.start_kernel + wait_for_ready"));
            table.Add(new BenchRow("kernel", "first cell (engine load, compiler cold)", "s", (double)result["first_cell_s"]!, null,
                "execute_interactive(\"1\") right after start"));
            Warm("kernel_info round trip (transport only)", result["kernel_info_ms"]!, "");
            Warm("`1+1` round trip: execute_request → idle, outputs received", result["execute_ms"]!, "; target < 20 ms");
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    private void Warm(string benchmark, JsonNode timing, string target) =>
        table.Add(new BenchRow("kernel", benchmark, "ms", (double)timing["median"]!, null,
            $"median of {(int)timing["n"]!} after 5 warm-up, p95 {(double)timing["p95"]!:0.0} ms{target}"));

    private static string Check((int ExitCode, string Output, string Error) run, string what) =>
        run.ExitCode == 0 ? run.Output : throw new InvalidOperationException($"{what} failed (exit {run.ExitCode}):\n{run.Output}\n{run.Error}");
}

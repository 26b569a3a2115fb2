using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Bench;

/// <summary>
/// The PyTorch side: a long-lived <c>bench/pytorch/worker.py</c> process, one JSON request and answer per line.
/// Kept alive for the whole run so PyTorch, like TorchSharp, is measured warm.
/// </summary>
public sealed class PyTorchWorker : IDisposable
{
    private readonly Process process;

    private PyTorchWorker(Process process) => this.process = process;

    /// <summary>glibc settings matching <see cref="Course.Platform.CpuMemory"/>: reuse blocks up to 32 MiB, huge pages for mapped ones.</summary>
    private static string AllocatorTunables =>
        $"glibc.malloc.mmap_threshold={Course.Platform.CpuMemory.MmapThreshold}:glibc.malloc.trim_threshold={Course.Platform.CpuMemory.TrimThreshold}:glibc.malloc.hugetlb=1";

    // The user's own GLIBC_TUNABLES, which the worker inherits unchanged; null when unset.
    private static string? UserTunables => Environment.GetEnvironmentVariable("GLIBC_TUNABLES");

    /// <summary>The allocator settings the worker runs with, in words (for the table's context lines).</summary>
    public static string Allocator =>
        UserTunables is string tunables ? $"GLIBC_TUNABLES={tunables} (yours)" : $"the same through GLIBC_TUNABLES={AllocatorTunables}";

    /// <summary>Starts the worker with <paramref name="python"/> (Debian's /usr/bin/python3, which has python3-torch).</summary>
    public static PyTorchWorker Start(string python, string script)
    {
        if (!File.Exists(script))
            throw new FileNotFoundException($"The PyTorch worker {script} is missing; run bench/run.sh from the course repository.", script);
        var info = new ProcessStartInfo(python, [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false, // Python's tracebacks go straight to the console.
            UseShellExecute = false,
        };
        // Compare frameworks, not allocators: the C# side runs with Course.Platform.CpuMemory's settings, so PyTorch
        // gets glibc's equivalent (without it, its batch-256 CNN inference spends most of its time in page faults).
        if (UserTunables is null)
            info.Environment["GLIBC_TUNABLES"] = AllocatorTunables;
        try
        {
            return new PyTorchWorker(Process.Start(info)!);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start {python}: {e.Message}. Install Debian's python3-torch (scripts/setup.sh) or pass --python PATH.", e);
        }
    }

    /// <summary>Sends one request and returns the answer; throws with the worker's message when it failed.</summary>
    public JsonObject Call(string op, object? arguments = null)
    {
        var request = arguments is null ? new JsonObject() : JsonSerializer.SerializeToNode(arguments)!.AsObject();
        request["op"] = op;
        process.StandardInput.WriteLine(request.ToJsonString());
        process.StandardInput.Flush();
        string? line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The PyTorch worker exited during '{op}' (exit code {(process.HasExited ? process.ExitCode : -1)}); see its output above.");
        var answer = JsonNode.Parse(line)!.AsObject();
        if (answer["ok"]?.GetValue<bool>() != true)
            throw new InvalidOperationException($"PyTorch worker, '{op}': {answer["error"]}");
        return answer;
    }

    /// <summary>The "samples" array of an answer, converted from seconds to milliseconds.</summary>
    public static double[] SamplesMs(JsonObject answer) =>
        answer["samples"]!.AsArray().Select(s => s!.GetValue<double>() * 1000).ToArray();

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.WriteLine("{\"op\":\"quit\"}");
                process.StandardInput.Close();
                if (!process.WaitForExit(5000)) process.Kill();
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}

using System.Diagnostics;

namespace Course.Runtime;

/// <summary>Runs small external tools (nvidia-smi, dotnet --version) and returns their output.</summary>
public static class ExternalTool
{
    /// <summary>Standard output of a successful run, or null when the tool is missing, fails or exceeds <paramref name="timeout"/>.</summary>
    public static string? Run(string file, string arguments, TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? stdout.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed / not on PATH
        }
    }
}

using System.Diagnostics;

namespace Course.Platform;

/// <summary>Runs small external tools (nvidia-smi, dotnet --version) and returns their output.</summary>
public static class ExternalTool
{
    /// <summary>Standard output of a successful run, or null when the tool is missing, fails or exceeds <paramref name="timeout"/>.</summary>
    public static string? Run(string file, string arguments, TimeSpan timeout)
    {
        try
        {
            var (exitCode, output, _) = Run(new ProcessStartInfo(file, arguments), timeout);
            return exitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed / not on PATH
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/> (its arguments, directory and environment as given) to the end and returns its exit
    /// code, standard output and standard error. Past <paramref name="timeout"/> the process and what it started are
    /// killed and a <see cref="TimeoutException"/> says so.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {start.Arguments}{string.Join(' ', start.ArgumentList)} ran longer than {timeout.TotalSeconds:0} s and was stopped.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

using System.Diagnostics;
using System.Text;

namespace Course.Platform;

/// <summary>Runs external programs (nvidia-smi, dotnet --version, and in the tests the course's own tools) with a time limit that really fires.</summary>
public static class ExternalTool
{
    // How much of a stopped program's output a TimeoutException carries: enough to see where it hung.
    private const int OutputTailChars = 4000;

    private static readonly TimeSpan MinimumDrain = TimeSpan.FromSeconds(2);

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
    /// code, standard output and standard error. Output is read while the program runs, so a program that fills its
    /// pipes or never ends cannot block the caller: past <paramref name="timeout"/> the program and what it started are
    /// killed and a <see cref="TimeoutException"/> says so, with the end of what it printed. The limit also covers a
    /// program that exits while a process it started still holds its output open.
    /// </summary>
    public static (int ExitCode, string Output, string Error) Run(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var stdout = new Capture(process.StandardOutput);
        var stderr = new Capture(process.StandardError);
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"{Describe(start)} ran longer than {timeout.TotalSeconds:0.#} s and was stopped.{Tail(stdout, stderr)}");
        }
        // Output still in the pipes when the program ends needs a moment to arrive, even at the very end of the limit.
        var left = timeout - clock.Elapsed;
        if (!Task.WaitAll([stdout.Completion, stderr.Completion], left > MinimumDrain ? left : MinimumDrain))
            throw new TimeoutException($"{Describe(start)} exited with code {process.ExitCode}, but a process it started still held its output open after {timeout.TotalSeconds:0.#} s.{Tail(stdout, stderr)}");
        return (process.ExitCode, stdout.Text, stderr.Text);
    }

    private static string Describe(ProcessStartInfo start) =>
        $"{start.FileName} {start.Arguments}{string.Join(' ', start.ArgumentList)}".TrimEnd();

    private static string Tail(Capture stdout, Capture stderr)
    {
        string printed = stdout.Text + stderr.Text;
        if (printed.Length == 0) return " It printed nothing.";
        return printed.Length <= OutputTailChars
            ? $" It printed:\n{printed}"
            : $" The last {OutputTailChars} characters it printed:\n{printed[^OutputTailChars..]}";
    }

    /// <summary>Reads one stream to its end in the background; what arrived so far can be read at any time.</summary>
    private sealed class Capture
    {
        private readonly StringBuilder text = new();

        public Capture(StreamReader reader) => Completion = Task.Run(() => ReadAsync(reader));

        public Task Completion { get; }

        public string Text
        {
            get { lock (text) return text.ToString(); }
        }

        private async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
                lock (text) text.Append(buffer, 0, read);
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Course.Cli.Tests.Running;

/// <summary>
/// An executed notebook is written to a temporary file, flushed to the disk, then renamed over the output: a power cut
/// leaves the old notebook or the new one, never an empty file. The order is only visible in the system calls, so
/// the test watches them with strace (installed by scripts/setup.sh).
/// </summary>
public class SaveDurabilityTests : IDisposable
{
    private readonly string output = CourseProcess.TempDirectory();

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void The_executed_notebook_is_synced_to_disk_before_the_rename_makes_it_the_output()
    {
        Assert.True(File.Exists("/usr/bin/strace"), "strace is missing: run scripts/setup.sh (it installs the test toolchain).");
        var trace = Path.Combine(output, "calls.txt");
        // -f: the save happens in the runner process, not a child we could name; -y: file descriptors shown as paths.
        var start = new ProcessStartInfo("/usr/bin/strace") { WorkingDirectory = CourseProcess.Fixtures };
        foreach (var arg in new[] { "-f", "-y", "-qq", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", trace,
                                    CourseProcess.Executable, "run", "state.ipynb", "-o", Path.Combine(output, "out") })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("COURSE_QUICK");
        var (exit, log) = CourseProcess.Run(start, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, log);

        var calls = File.ReadAllLines(trace);
        var renamed = calls.Select((line, index) => (line, index))
            .Select(c => (c.index, match: Regex.Match(c.line, @"rename\w*\(.*?""(?<from>[^""]*\.tmp)"",.*?""(?<to>[^""]*state\.ipynb)""")))
            .FirstOrDefault(c => c.match.Success);
        Assert.True(renamed.match is { Success: true }, "no rename of a temporary file onto out/state.ipynb:\n" + string.Join('\n', calls));
        var temporary = renamed.match.Groups["from"].Value;
        var synced = calls.Take(renamed.index).Any(line => Regex.IsMatch(line, @"f(data)?sync\(\d+<" + Regex.Escape(temporary) + ">"));
        Assert.True(synced, $"{Path.GetFileName(temporary)} was renamed onto the output without an fsync first:\n" + string.Join('\n', calls));
    }
}

using System.Diagnostics;
using System.Globalization;
using Course.Notebooks.Documents;
using Course.Notebooks.Running;

namespace Course.Cli.Tests.Running;

/// <summary>
/// Timeouts really stop cells: cooperatively when the engine can, by killing the worker when it cannot. These tests
/// measure a worker's CPU time and the time stopping takes, so they run apart from the parallel tests.
/// </summary>
[Collection(nameof(WorkerTimeoutTests))]
[CollectionDefinition(nameof(WorkerTimeoutTests), DisableParallelization = true)]
public class WorkerTimeoutTests
{
    private static ProcessStartInfo WorkerStart() =>
        new(CourseProcess.Executable) { ArgumentList = { "run-worker" }, WorkingDirectory = CourseProcess.Fixtures };

    // utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_cooperatively_and_the_worker_goes_idle()
    {
        var notebook = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "timeout.ipynb"));
        int pid;
        using (var worker = await WorkerEngine.StartAsync(WorkerStart(), grace: TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)))
        {
            pid = worker.ProcessId;
            var startTicks = CpuTicks(pid);
            var result = await NotebookRunner.RunAsync(notebook, worker, new RunOptions(TimeSpan.FromSeconds(2)), null, CancellationToken.None);
            var spinning = CpuTicks(pid) - startTicks;

            Assert.Equal(RunStatus.TimedOut, result.Status);
            Assert.False(worker.Killed, "the loop should stop on cancellation, without killing the worker");
            Assert.Equal("TimeoutError", (string?)notebook.Cells[1].Outputs.Last()!["ename"]);
            Assert.Empty(notebook.Cells[2].Outputs);

            // Compared within this run, so a loaded machine scales both sides: over the 2 s the loop ran, the worker used
            // a core's worth of ticks (whatever share the machine gave it); a loop still spinning would use as much in
            // the next 2 s, while background work after a cell (the JIT's tier-up, a GC) stays far below a quarter.
            await Task.Delay(500);
            var before = CpuTicks(pid);
            await Task.Delay(2000);
            var used = CpuTicks(pid) - before;
            Assert.True(used * 4 < spinning, $"the worker still burns CPU after the timeout: {used} ticks in 2 s, against {spinning} while the loop ran");
        }
        Assert.False(Directory.Exists($"/proc/{pid}"), "the worker outlived the run");
    }

    [Fact]
    public async Task A_cell_that_ignores_cancellation_gets_its_worker_killed()
    {
        var notebook = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "sleep.ipynb"));
        using var worker = await WorkerEngine.StartAsync(WorkerStart(), grace: TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();
        var result = await NotebookRunner.RunAsync(notebook, worker, new RunOptions(TimeSpan.FromSeconds(3)), null, CancellationToken.None);

        Assert.Equal(RunStatus.TimedOut, result.Status);
        Assert.True(worker.Killed);
        Assert.False(Directory.Exists($"/proc/{worker.ProcessId}"), "the killed worker is still there");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {clock.Elapsed}");
        var outputs = notebook.Cells[0].Outputs;
        Assert.Contains("about to sleep", (string?)outputs[0]!["text"]![0]);
        Assert.Equal("TimeoutError", (string?)outputs.Last()!["ename"]);
    }

    [Fact]
    public async Task The_cli_writes_the_partial_notebook_after_a_timeout()
    {
        var output = CourseProcess.TempDirectory();
        try
        {
            var (exit, log) = await Task.Run(() => CourseProcess.Run(CourseProcess.Fixtures, "run", "sleep.ipynb", "-o", output, "--timeout", "2", "--grace", "1"));
            Assert.Equal(1, exit);
            Assert.Contains("timed out", log);
            var path = Path.Combine(output, "sleep.ipynb");
            CourseProcess.AssertValidNotebook(path);
            Assert.Equal("TimeoutError", (string?)NotebookFile.Load(path).Cells[0].Outputs.Last()!["ename"]);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

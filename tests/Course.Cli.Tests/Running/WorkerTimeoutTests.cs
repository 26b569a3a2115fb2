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

    // A new worker compiles its first cell with a cold compiler: seconds on a busy machine, more than the short limits
    // below. One warm-up cell under a generous limit leaves the limits to the cells under test.
    private static async Task WarmUpAsync(WorkerEngine worker)
    {
        var warm = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "timeout.ipynb"));
        warm.Cells.RemoveRange(1, warm.Cells.Count - 1);
        var result = await NotebookRunner.RunAsync(warm, worker, new RunOptions(TimeSpan.FromMinutes(2)), null, CancellationToken.None);
        Assert.Equal(RunStatus.Passed, result.Status);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_cooperatively_and_the_worker_goes_idle()
    {
        var notebook = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "timeout.ipynb"));
        int pid;
        using (var worker = await WorkerEngine.StartAsync(WorkerStart(), grace: TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)))
        {
            pid = worker.ProcessId;
            await WarmUpAsync(worker);
            var result = await NotebookRunner.RunAsync(notebook, worker, new RunOptions(TimeSpan.FromSeconds(2)), null, CancellationToken.None);

            Assert.Equal(RunStatus.TimedOut, result.Status);
            Assert.False(worker.Killed, "the loop should stop on cancellation, without killing the worker");
            Assert.Equal("TimeoutError", (string?)notebook.Cells[1].Outputs.Last()!["ename"]);
            Assert.Empty(notebook.Cells[2].Outputs);

            // A loop still spinning takes its share of a core every second, however busy the machine: at a load average
            // of 25 on two cores still about 8 ticks (of 100) a second. Work after a cell (the JIT's tier-up, a GC) comes
            // in bursts and ends, so an idle worker soon has a quiet second; a spinning one never does. On a starved machine
            // (load 10–14 with higher-priority processes) that work was spread thin, 7 ticks a second for 15 s: the
            // window is 30 s, and a healthy worker still ends it at its first quiet second.
            long quietest = long.MaxValue;
            for (int second = 0; second < 30 && quietest > 2; second++)
            {
                var before = CpuTicks(pid);
                await Task.Delay(1000);
                quietest = Math.Min(quietest, CpuTicks(pid) - before);
            }
            Assert.True(quietest <= 2, $"the worker still burns CPU after the timeout: {quietest} ticks or more in every second for 30 s");
        }
        Assert.False(Directory.Exists($"/proc/{pid}"), "the worker outlived the run");
    }

    [Fact]
    public async Task A_cell_that_ignores_cancellation_gets_its_worker_killed()
    {
        var notebook = NotebookFile.Load(Path.Combine(CourseProcess.Fixtures, "sleep.ipynb"));
        using var worker = await WorkerEngine.StartAsync(WorkerStart(), grace: TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        await WarmUpAsync(worker);
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

using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class CancellationTests
{
    // A generous grace period: the engine must report that the code itself stopped, not that it gave up waiting.
    private static ScriptEngine Engine() => new(new EngineOptions { CancellationGrace = TimeSpan.FromSeconds(20) });

    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("for (;;) ;")]
    [InlineData("do { } while (true);")]
    // 2³¹ empty iterations end in about a second on a fast machine (CI once saw this cell finish before the cancel),
    // so the sequence is 2⁶² long: endless for any test.
    [InlineData("foreach (var i in Enumerable.Repeat(0, int.MaxValue).SelectMany(_ => Enumerable.Repeat(0, int.MaxValue))) { }")]
    [InlineData("Action spin = () => { while (true) { } }; spin();")]
    [InlineData("void Spin() { while (true) { } } Spin();")]
    [InlineData("again: goto again;")]
    public async Task An_endless_loop_stops_when_cancelled_and_the_next_cell_runs(string loop)
    {
        using var engine = Engine();
        await engine.Run("static class Probe { public static volatile bool Running; }");
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink();
        var cell = engine.ExecuteAsync(
            $"Probe.Running = true; Console.WriteLine(\"started\"); try {{ {loop} }} finally {{ Probe.Running = false; }}",
            sink, cancel.Token);
        await sink.WaitForOutput("started");
        cancel.Cancel();
        var result = await cell;

        Assert.Equal(CellStatus.Cancelled, result.Status);
        Assert.Equal("The cell was cancelled.", result.Error!.Message);
        // The loop's thread left it (its finally ran): nothing keeps spinning on the CPU.
        Assert.Equal("false", await engine.Value("Probe.Running"));
        Assert.Equal("2", await engine.Value("1 + 1"));
    }

    [Fact]
    public async Task Code_that_cannot_observe_cancellation_is_reported_as_still_running()
    {
        using var engine = new ScriptEngine(new EngineOptions { CancellationGrace = TimeSpan.FromMilliseconds(100) });
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink();
        // Sleeps far longer than the 100 ms grace plus any delay a loaded machine adds between "started" and Cancel().
        var cell = engine.ExecuteAsync("Console.WriteLine(\"started\"); System.Threading.Thread.Sleep(10_000);", sink, cancel.Token);
        await sink.WaitForOutput("started");
        cancel.Cancel();
        var result = await cell;
        Assert.Equal(CellStatus.Cancelled, result.Status);
        Assert.Contains("keeps running in the background", result.Error!.Message);
    }

    [Fact]
    public async Task A_loop_that_is_not_cancelled_runs_to_the_end()
    {
        using var engine = Engine();
        Assert.Equal("500000500000", await engine.Value("long sum = 0; for (var i = 1; i <= 1_000_000; i++) sum += i; sum"));
    }
}

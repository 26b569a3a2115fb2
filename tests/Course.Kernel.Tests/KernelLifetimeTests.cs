using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Course.Hosting;
using Course.Kernel.Protocol;
using Course.Notebooks.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace Course.Kernel.Tests;

/// <summary>The kernel in-process, driven over real sockets: what happens around shutdown while a cell lingers.</summary>
public sealed class KernelLifetimeTests
{
    /// <summary>An engine whose cell ignores cancellation, then still writes output and returns.</summary>
    private sealed class LingeringEngine : INotebookEngine
    {
        public readonly ManualResetEventSlim Started = new(), Release = new(), Finished = new();

        public Task<CellResult> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellation)
        {
            Started.Set();
            Release.Wait(TimeSpan.FromSeconds(30)); // ignores the token on purpose
            output.Stream("stdout", "written after the kernel closed its sockets\n");
            Finished.Set();
            return Task.FromResult(new CellResult(CellStatus.Ok, null, null, TimeSpan.Zero));
        }

        public Task<Completions> CompleteAsync(string code, int cursor, CancellationToken cancellation) => Task.FromResult(new Completions([], cursor, cursor));
        public Task<string?> InspectAsync(string code, int cursor, CancellationToken cancellation) => Task.FromResult<string?>(null);
        public CodeCompleteness IsComplete(string code) => CodeCompleteness.Complete;
        public void Dispose() { }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_cell_that_outlives_shutdown_finds_neither_the_queue_nor_the_sockets_gone()
    {
        var connection = new ConnectionInfo { Key = "k", ShellPort = FreePort(), IopubPort = FreePort(), StdinPort = FreePort(), ControlPort = FreePort(), HeartbeatPort = FreePort() };
        var engine = new LingeringEngine();
        var log = new StringWriter();
        var kernel = new JupyterKernel(connection, () => engine, TextWriter.Synchronized(log));
        var running = Task.Run(kernel.Run);
        var codec = new WireCodec(new MessageSigner("k"));
        using (var shell = new DealerSocket(connection.Address(connection.ShellPort)))
        using (var control = new DealerSocket(connection.Address(connection.ControlPort)))
        {
            shell.SendMultipartMessage(codec.Encode(JupyterMessage.Create("test", "execute_request", new JsonObject { ["code"] = "x" }, null)));
            Assert.True(engine.Started.Wait(TimeSpan.FromSeconds(30)), "the cell did not start");
            control.SendMultipartMessage(codec.Encode(JupyterMessage.Create("test", "shutdown_request", new JsonObject { ["restart"] = false }, null)));
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }
        kernel.Dispose();

        // The cell ends now: it writes output, and the worker thread goes back to the (completed) queue.
        var crashes = new List<object>();
        UnhandledExceptionEventHandler record = (_, e) => { lock (crashes) crashes.Add(e.ExceptionObject); };
        AppDomain.CurrentDomain.UnhandledException += record;
        try
        {
            engine.Release.Set();
            Assert.True(engine.Finished.Wait(TimeSpan.FromSeconds(30)), "the lingering cell could not write its output (the kernel disposed what it writes to)");
            await Task.Delay(500);
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= record;
        }
        Assert.Empty(crashes);
        Assert.DoesNotContain("ObjectDisposedException", log.ToString());
    }
}

using System.IO.Pipes;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Running;

/// <summary>
/// The worker side of a headless run: connects to the parent's pipe, creates the engine, executes cells the
/// parent sends and streams their outputs back. Cancellation requests reach the running cell's token, so
/// cooperative code stops; code that does not is the parent's to kill.
/// </summary>
public static class WorkerHost
{
    /// <summary>Serves the parent on <paramref name="pipeName"/> until it closes the pipe. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string pipeName, Func<INotebookEngine> createEngine)
    {
        await using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
        await pipe.ConnectAsync(30_000);
        using var reader = new StreamReader(pipe);
        var writer = new LineWriter(pipe);
        INotebookEngine engine;
        try
        {
            engine = createEngine();
        }
        catch (Exception e)
        {
            writer.Send(new WorkerMessage("failed") { Text = e.ToString() });
            return 1;
        }
        using (engine)
        {
            writer.Send(new WorkerMessage("ready"));
            CancellationTokenSource? running = null;
            Task? cell = null;
            while (await reader.ReadLineAsync() is { } line)
            {
                var message = WorkerMessage.Parse(line);
                switch (message.Type)
                {
                    case "execute":
                        // The previous cell sends its result just before its task ends, and the parent answers with
                        // the next cell at once: let that task finish rather than report the worker busy.
                        if (cell is not null) await cell;
                        running?.Dispose();
                        running = new CancellationTokenSource();
                        var token = running.Token;
                        cell = Task.Run(async () =>
                        {
                            var result = await engine.ExecuteAsync(message.Code ?? "", new RemoteSink(writer), token);
                            writer.Send(WorkerMessage.ForResult(result));
                        });
                        break;
                    case "cancel":
                        running?.Cancel();
                        break;
                }
            }
            // The parent closed the pipe: it is done with us (or gone).
            running?.Cancel();
            return 0;
        }
    }

    private sealed class RemoteSink(LineWriter writer) : IOutputSink
    {
        public void Stream(string name, string text) => writer.Send(new WorkerMessage("stream") { Name = name, Text = text });

        public void Display(MimeBundle bundle, string? displayId, bool update) =>
            writer.Send(new WorkerMessage("display") { Data = bundle.Data, Id = displayId, Update = update });

        public void Clear(bool wait) => writer.Send(new WorkerMessage("clear") { Wait = wait });

        public void Progress(CellProgress progress) => writer.Send(new WorkerMessage("progress") { Progress = progress });
    }

    /// <summary>Writes whole lines from any thread (outputs may come from training threads).</summary>
    internal sealed class LineWriter(Stream stream)
    {
        private readonly Lock gate = new();
        private readonly StreamWriter writer = new(stream, new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        public void Send(WorkerMessage message)
        {
            var line = message.ToLine();
            lock (gate)
            {
                try
                {
                    writer.WriteLine(line);
                }
                catch (IOException)
                {
                    // The parent is gone; nobody is left to tell.
                }
            }
        }
    }
}

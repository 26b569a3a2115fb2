using System.Collections.Concurrent;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;

namespace Course.Notebooks.Tests.Execution;

/// <summary>An output sink that keeps everything a cell sent, in order, the way a front end would receive it.</summary>
internal sealed class RecordingSink : IOutputSink
{
    public ConcurrentQueue<(string Name, string Text)> Streams { get; } = new();
    public ConcurrentQueue<(MimeBundle Bundle, string? Id, bool Update)> Displays { get; } = new();

    public string Text(string name) => string.Concat(Streams.Where(s => s.Name == name).Select(s => s.Text));

    public void Stream(string name, string text) => Streams.Enqueue((name, text));

    public void Display(MimeBundle bundle, string? displayId, bool update) => Displays.Enqueue((bundle, displayId, update));

    public ConcurrentQueue<bool> Clears { get; } = new();

    public void Clear(bool wait) => Clears.Enqueue(wait);
}

namespace Course.Hosting;

/// <summary>
/// Shows a value as a cell output, the way <c>display(x)</c> does in a notebook. Outside a notebook the value's
/// text goes to the console, so library code can call it anywhere.
/// </summary>
public static class Display
{
    /// <summary>Shows <paramref name="value"/> now; the returned handle replaces it in place later.</summary>
    public static DisplayHandle Show(object? value)
    {
        var handle = new DisplayHandle(Guid.NewGuid().ToString("N"), CellContext.Output);
        handle.Send(value, update: false);
        return handle;
    }

    /// <summary>
    /// Removes the running cell's outputs so far; with <paramref name="wait"/> they go only when the next output
    /// arrives. Outside a notebook there is nothing to clear.
    /// </summary>
    public static void Clear(bool wait = false) => CellContext.Output?.Clear(wait);
}

/// <summary>An output already shown, which <see cref="Update"/> replaces (e.g. a live training chart).</summary>
public sealed class DisplayHandle
{
    private readonly IOutputSink? output;

    internal DisplayHandle(string id, IOutputSink? output)
    {
        Id = id;
        this.output = output;
    }

    /// <summary>The display_id front ends use to find the output.</summary>
    public string Id { get; }

    /// <summary>Replaces the shown output with <paramref name="value"/>.</summary>
    public void Update(object? value) => Send(value, update: true);

    internal void Send(object? value, bool update)
    {
        var bundle = Formatter.Format(value);
        if (output is not null) output.Display(bundle, Id, update);
        else Console.WriteLine(bundle.PlainText);
    }
}

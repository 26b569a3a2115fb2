namespace Course.Hosting;

/// <summary>
/// Where a running cell's outputs go, as they happen. The headless runner collects them into the notebook;
/// the Jupyter kernel publishes them on iopub. Implementations must be thread-safe: training code may
/// report progress from any thread.
/// </summary>
public interface IOutputSink
{
    /// <summary>Text written to Console.Out ("stdout") or Console.Error ("stderr") by the cell.</summary>
    void Stream(string name, string text);

    /// <summary>
    /// A rich output: <c>display(x)</c> in a cell. With a <paramref name="displayId"/>, a later call with
    /// <paramref name="update"/> = true replaces that output in place (live training progress).
    /// </summary>
    void Display(MimeBundle bundle, string? displayId, bool update);

    /// <summary>
    /// Removes the cell's outputs so far (<c>clear_output()</c>). With <paramref name="wait"/> the outputs stay
    /// until the next one arrives, so an animation redrawn each step does not flicker (Jupyter's semantics).
    /// </summary>
    void Clear(bool wait);

    /// <summary>
    /// Where a long piece of work in the cell has got (sent a few times a second at most). Not an output: hosts
    /// that show progress outside the cell (<c>course run</c> on a terminal) use it; the others ignore it.
    /// </summary>
    void Progress(CellProgress progress) { }
}

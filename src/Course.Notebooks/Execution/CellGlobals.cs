using Course.Hosting;

namespace Course.Notebooks.Execution;

/// <summary>Members every cell can call directly, as in Polyglot Notebooks.</summary>
public sealed class CellGlobals
{
    /// <summary>Shows <paramref name="value"/> as an output now; <c>.Update(x)</c> on the handle replaces it in place.</summary>
#pragma warning disable IDE1006 // lower case on purpose: the notebook idiom is display(x)
    public DisplayHandle display(object? value) => Display.Show(value);

    /// <summary>Removes this cell's outputs so far; with <paramref name="wait"/>, only when the next output arrives.</summary>
    public void clear_output(bool wait = false) => Display.Clear(wait);
#pragma warning restore IDE1006
}

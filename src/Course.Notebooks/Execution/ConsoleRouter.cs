using System.Text;
using Course.Hosting;

namespace Course.Notebooks.Execution;

/// <summary>
/// Sends Console.Out and Console.Error to the output sink of the cell running on the writing call path (found
/// through <see cref="CellContext"/>, so tasks a cell starts report to that cell); anything written outside a cell
/// goes to the original console. Installed once per process.
/// </summary>
internal sealed class ConsoleRouter : TextWriter
{
    private static int installed;
    private readonly string stream;
    private readonly TextWriter fallback;

    private ConsoleRouter(string stream, TextWriter fallback)
    {
        this.stream = stream;
        this.fallback = fallback;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Routes the console through cells from now on (idempotent, thread-safe).</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        // Console.SetOut wraps the writer in a synchronized one, which makes concurrent writes safe.
        Console.SetOut(new ConsoleRouter("stdout", Console.Out));
        Console.SetError(new ConsoleRouter("stderr", Console.Error));
    }

    public override void Write(char value) => Send(value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value)) Send(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (count > 0) Send(new string(buffer, index, count));
    }

    public override void WriteLine(string? value) => Send(value + NewLine);

    public override void WriteLine() => Send(NewLine);

    public override void Flush()
    {
        if (CellContext.Output is null) fallback.Flush();
    }

    private void Send(string text)
    {
        var sink = CellContext.Output;
        if (sink is not null) sink.Stream(stream, text);
        else fallback.Write(text);
    }
}

namespace Course.Notebooks.Execution;

/// <summary>
/// The first code cell of every course notebook sets the course up under .NET Interactive (dotnet-interactive's
/// Jupyter kernels, Polyglot Notebooks), which knows nothing of the course library. The course's own engine has done
/// that set-up before the first cell, so it skips a cell that starts with <see cref="Marker"/>: such a cell runs with
/// no output and changes nothing. docs/dotnet-interactive.md
/// </summary>
public static class InteractiveSetUpCell
{
    /// <summary>The comment a set-up cell starts with (a comment, so it means nothing to .NET Interactive).</summary>
    public const string Marker = "// .NET Interactive set-up";

    /// <summary>True when <paramref name="code"/> is a .NET Interactive set-up cell, which this engine skips.</summary>
    public static bool Is(string code) => code.TrimStart().StartsWith(Marker, StringComparison.Ordinal);
}

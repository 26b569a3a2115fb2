using System.Runtime.CompilerServices;
using Course.Formatting;
using Course.Hosting;
using Course.Notebooks.Formatting;
using Course.Platform;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace Course.Interactive;

/// <summary>
/// Sets the course up inside dotnet-interactive's C# kernel, as the course's own engine does for its cells: the
/// TorchSharp load fix, the course library, TorchSharp and Plotly.NET referenced with the same namespaces imported,
/// the course's formatters (charts, tables, tensors) shown through .NET Interactive's formatter, and library displays
/// (<c>Display.Show</c>, live training charts) sent as .NET Interactive displays. The first code cell of each notebook
/// calls <see cref="SetUp"/>; running it again changes nothing.
/// </summary>
public static class DotNetInteractive
{
    /// <summary>
    /// The dotnet-interactive tool the course is tested with (its kernel API, Microsoft.DotNet.Interactive, is pinned
    /// beside it in Directory.Packages.props): CI installs this version, and the docs name it.
    /// </summary>
    public const string ToolVersion = "1.0.712001";

    private static readonly HashSet<Kernel> SetUpKernels = [];

    /// <summary>
    /// Sets up the C# kernel running the current cell; its references and usings arrive with the next cell. Throws
    /// <see cref="InvalidOperationException"/> outside a .NET Interactive cell, and TorchLoadException (with the fix)
    /// when libtorch cannot load on this machine.
    /// </summary>
    public static void SetUp()
    {
        var context = KernelInvocationContext.Current ?? throw new InvalidOperationException(
            "Course.Interactive.DotNetInteractive.SetUp() sets up a .NET Interactive kernel and must run in one of its " +
            "cells. The course's own engine and kernel need no set-up.");
        // Before anything touches Plotly.NET, whose FSharp.Core is newer than the one dotnet-interactive carries.
        FSharpCoreRedirect.Install();
        SetUpKernel(context.HandlingKernel);
    }

    // Not inlined: this method's types (TorchSharp, Plotly.NET through the formatters) load only after the redirect.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetUpKernel(Kernel kernel)
    {
        TorchRuntime.EnsureLoaded();
        CourseFormatters.RegisterAll();
        BuiltInFormatters.Register();
        FormatterBridge.RegisterAll();
        lock (SetUpKernels)
        {
            if (!SetUpKernels.Add(kernel)) return;
            kernel.AddMiddleware(CellScope.AroundSubmission, "Course.Interactive");
            // A submission of its own, run just before the next cell: a submission sent from inside this cell would
            // be undone when this cell's script state is stored after it.
            kernel.DeferCommand(new SubmitCode(Preamble(), kernel.Name));
        }
    }

    /// <summary>
    /// The code that gives later cells what the course's engine gives them: <c>#r</c> of each assembly in
    /// <see cref="NotebookImports.Assemblies"/> (by full path: they sit beside this one) and its usings.
    /// </summary>
    internal static string Preamble()
    {
        var lines = new List<string>();
        lines.AddRange(NotebookImports.Assemblies.Append(typeof(Display).Assembly).Distinct().Select(a => $"#r \"{a.Location}\""));
        lines.AddRange(NotebookImports.Namespaces.Select(n => $"using {n};"));
        lines.AddRange(NotebookImports.StaticTypes.Select(t => $"using static {t.FullName};"));
        return string.Join("\n", lines);
    }
}

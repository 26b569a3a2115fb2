using Course.Formatting;
using Course.Notebooks.Execution;
using Course.Platform;

namespace Course.Cli.Hosting;

/// <summary>
/// The one place a notebook engine for the course is made (the headless runner and the Jupyter kernel both use it):
/// TorchSharp loaded and fixed for this machine first, then an engine whose cells see the course library, TorchSharp
/// and Plotly.NET exactly as the host loaded them, with the course's namespaces imported.
/// </summary>
public static class CourseEngineFactory
{
    /// <summary>The options of a course engine, for a host that wants to adjust some (e.g. the NuGet cache).</summary>
    public static EngineOptions Options() => new()
    {
        // The same references and imports the .NET Interactive set-up gives cells (Course.Interactive).
        References = [.. NotebookImports.Assemblies],
        // A type name is imported as `using static`: "TorchSharp.torch" becomes `using static TorchSharp.torch;`.
        Imports = [.. NotebookImports.Namespaces, .. NotebookImports.StaticTypes.Select(t => t.FullName!)],
    };

    /// <summary>
    /// A ready engine with the course's options, compiler warmed up (loads libtorch on first use in the process; throws
    /// TorchLoadException with a fix if it cannot). Parameterless so it converts to <c>Func&lt;INotebookEngine&gt;</c>.
    /// </summary>
    public static INotebookEngine Create() => CreateEngine(Options());

    /// <summary>A ready engine with options a host adjusted (start from <see cref="Options"/>).</summary>
    public static ScriptEngine CreateEngine(EngineOptions options)
    {
        TorchRuntime.EnsureLoaded();
        CourseFormatters.RegisterAll();
        var engine = new ScriptEngine(options);
        // Compiler warm-up belongs to start-up, not to the learner's first cell (nor to that cell's timeout).
        engine.WarmUpAsync().GetAwaiter().GetResult();
        return engine;
    }
}

using Course.Formatting;
using Course.Notebooks.Execution;
using Course.Platform;
using Plotly.NET;
using TorchSharp;

namespace Course.Cli.Hosting;

/// <summary>
/// The one place a notebook engine for the course is made (the headless runner and the Jupyter kernel both use it):
/// TorchSharp loaded and fixed for this machine first, then an engine whose cells see the course library, TorchSharp
/// and Plotly.NET exactly as the host loaded them, with the course's namespaces imported.
/// </summary>
public static class CourseEngineFactory
{
    /// <summary>The options of a course engine, for a host that wants to adjust some (e.g. the NuGet cache).</summary>
    public static EngineOptions Options()
    {
        var library = typeof(TorchRuntime).Assembly;
        var courseNamespaces = library.GetExportedTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n == "Course" || n.StartsWith("Course.", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return new EngineOptions
        {
            References =
            [
                library,
                typeof(torch).Assembly,
                typeof(GenericChart).Assembly,
                typeof(Plotly.NET.CSharp.Chart).Assembly,
            ],
            // "TorchSharp.torch" is a type: it is imported as `using static TorchSharp.torch;`.
            Imports =
            [
                "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks",
                "TorchSharp", "TorchSharp.torch", "Plotly.NET.CSharp", .. courseNamespaces,
            ],
        };
    }

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

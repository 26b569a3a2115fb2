using System.Reflection;
using Plotly.NET;
using TorchSharp;

namespace Course;

/// <summary>
/// What every course notebook cell has in scope without writing it: the assemblies it references and the namespaces
/// it imports. The course's engine (Course.Cli's CourseEngineFactory) and the .NET Interactive set-up
/// (Course.Interactive) both read this list, so a cell compiles the same under either.
/// </summary>
public static class NotebookImports
{
    /// <summary>The course library, TorchSharp and Plotly.NET (with its C# facade), exactly as the host loaded them.</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } =
    [
        typeof(NotebookImports).Assembly,
        typeof(torch).Assembly,
        typeof(GenericChart).Assembly,
        typeof(Plotly.NET.CSharp.Chart).Assembly,
    ];

    /// <summary>Imported namespaces: a few of .NET's, TorchSharp, Plotly.NET.CSharp and every namespace of the course library.</summary>
    public static IReadOnlyList<string> Namespaces { get; } =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks",
        "TorchSharp", "Plotly.NET.CSharp",
        .. typeof(NotebookImports).Assembly.GetExportedTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n == "Course" || n.StartsWith("Course.", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Types whose static members are imported (<c>using static TorchSharp.torch;</c>: <c>tensor(…)</c>, <c>nn</c>, …).</summary>
    public static IReadOnlyList<Type> StaticTypes { get; } = [typeof(torch)];
}

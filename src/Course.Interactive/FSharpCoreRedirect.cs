using System.Reflection;
using System.Runtime.Loader;

namespace Course.Interactive;

/// <summary>
/// dotnet-interactive 1.0.712001 carries FSharp.Core 10.0 for its F# kernel, loaded in the default load context; the
/// course's Plotly.NET 6.0 (and DynamicObj) ask for FSharp.Core 10.1, which then fails to load, or loads a second
/// copy beside the first and breaks Plotly.NET's HTML library (MissingMethodException in Giraffe.ViewEngine).
/// Like a binding redirect, this hands every request for FSharp.Core the one the process already has, so there is
/// exactly one. Plotly.NET uses nothing that 10.1 added (checked by rendering every course chart there:
/// tests/Course.Kernel.Tests/DotNetInteractiveTests.cs).
/// </summary>
internal static class FSharpCoreRedirect
{
    private const string Name = "FSharp.Core";
    private static int installed;

    [ThreadStatic]
    private static bool resolving;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (context, requested) =>
        {
            // Loading by name below must not come back here (a process with no FSharp.Core at all).
            if (requested.Name != Name || resolving) return null;
            resolving = true;
            try
            {
                return Loaded();
            }
            finally
            {
                resolving = false;
            }
        };
    }

    // The FSharp.Core of the default context: the one already loaded, else the application's own (by name, no version).
    private static Assembly? Loaded() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
            a.GetName().Name == Name && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default)
        ?? AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(Name));
}

using System.Reflection;

namespace Course.Notebooks.Execution;

/// <summary>
/// What a host gives the cells of a <see cref="ScriptEngine"/>: assemblies it has already loaded (so cells use the
/// same types as the host, e.g. the course library and TorchSharp), namespaces imported by default, and where
/// <c>#r "nuget: …"</c> restores packages.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>Assemblies cells may use, in addition to the .NET runtime and this engine.</summary>
    public IReadOnlyList<Assembly> References { get; init; } = [];

    /// <summary>
    /// Namespaces every cell imports (<c>using</c>); a type name imports its static members (<c>using static</c>).
    /// </summary>
    public IReadOnlyList<string> Imports { get; init; } =
        ["System", "System.Collections.Generic", "System.Linq", "System.Threading.Tasks"];

    /// <summary>
    /// Folder caching restored <c>#r "nuget: …"</c> packages; default <c>$COURSE_CACHE/nuget</c>, else
    /// <c>~/.cache/course/nuget</c>.
    /// </summary>
    public string? NuGetCacheDirectory { get; init; }

    /// <summary>Package sources used in addition to the machine's NuGet.config (folders or feed URLs).</summary>
    public IReadOnlyList<string> NuGetSources { get; init; } = [];

    /// <summary>How long a cancelled cell may take to stop before the engine reports it cancelled anyway.</summary>
    public TimeSpan CancellationGrace { get; init; } = TimeSpan.FromSeconds(2);

    internal string ResolveNuGetCacheDirectory()
    {
        if (!string.IsNullOrEmpty(NuGetCacheDirectory)) return NuGetCacheDirectory;
        var root = Environment.GetEnvironmentVariable("COURSE_CACHE");
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "course");
        return Path.Combine(root, "nuget");
    }
}

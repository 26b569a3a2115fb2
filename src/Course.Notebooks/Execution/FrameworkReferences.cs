using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Execution;

/// <summary>
/// Metadata references for the whole .NET runtime the process runs on, created once per process (Roslyn reads
/// metadata lazily, and every engine shares them). Documentation comes from the SDK's reference pack when installed.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> All = new(Create);

    // Documentation of the assemblies referenced so far, by assembly path: one parsed XML file per assembly, shared
    // by the cells' references and the editing workspace's copies of them.
    private static readonly ConcurrentDictionary<string, DocumentationProvider> Documentation = new(StringComparer.Ordinal);

    /// <summary>The runtime's assemblies as references.</summary>
    public static IReadOnlyList<MetadataReference> Get() => All.Value;

    /// <summary>A reference to an assembly file, with its XML documentation when a .xml file sits next to it.</summary>
    public static MetadataReference FromFile(string path, string? documentationFile = null)
    {
        documentationFile ??= Path.ChangeExtension(path, ".xml");
        if (!File.Exists(documentationFile)) return MetadataReference.CreateFromFile(path);
        var documentation = Documentation.GetOrAdd(path, _ => new XmlDocumentation(documentationFile));
        return MetadataReference.CreateFromFile(path, documentation: documentation);
    }

    /// <summary>The documentation a reference made by <see cref="FromFile"/> for <paramref name="path"/> has, if any.</summary>
    public static DocumentationProvider? DocumentationOf(string path) => Documentation.GetValueOrDefault(path);

    private static IReadOnlyList<MetadataReference> Create()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator);
        var docs = ReferencePackDocs(runtimeDirectory);
        return trusted
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) &&
                        string.Equals(Path.GetDirectoryName(p), runtimeDirectory, StringComparison.Ordinal))
            .Select(p => FromFile(p, docs is null ? null : Path.Combine(docs, DocumentationName(p))))
            .ToList();
    }

    // The runtime's core types live in System.Private.CoreLib; the reference pack documents them as System.Runtime.
    private static string DocumentationName(string assemblyPath)
    {
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        return (name == "System.Private.CoreLib" ? "System.Runtime" : name) + ".xml";
    }

    // <dotnet>/shared/Microsoft.NETCore.App/<version> → <dotnet>/packs/Microsoft.NETCore.App.Ref/<newest>/ref/net<major>.<minor>
    private static string? ReferencePackDocs(string runtimeDirectory)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return Directory.GetDirectories(packs)
            .Select(d => Path.Combine(d, "ref", tfm))
            .Where(Directory.Exists)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}

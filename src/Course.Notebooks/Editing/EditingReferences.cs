using System.Collections.Concurrent;
using Course.Notebooks.Execution;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Editing;

/// <summary>
/// The editing workspace's own copies of the cells' references: the same files, read into metadata objects the
/// script never sees. Roslyn keeps the assembly symbols it builds for a reference inside that reference's metadata
/// object and gives them to any later compilation of the same metadata whose references fit. A submission does not
/// ask for the symbols its previous submission used, only for the first that fit; so when an editing compilation
/// and a cell bound the same metadata at the same moment, the next cell could take the editing compilation's
/// TorchSharp while the <c>using static TorchSharp.torch</c> carried over from earlier cells still named the
/// script's: two <c>torch.Tensor</c> types, error CS0433. With separate metadata the two never share a symbol.
/// </summary>
internal static class EditingReferences
{
    // One copy per file for the process (like the framework's references): the workspaces of several engines may
    // share it, as they never run. Opened lazily and memory-mapped, so a copy costs pages only where Roslyn reads.
    private static readonly ConcurrentDictionary<string, Lazy<AssemblyMetadata>> Copies = new(StringComparer.Ordinal);

    /// <summary>References for the editing workspace to use in place of <paramref name="references"/>.</summary>
    public static IEnumerable<MetadataReference> CopiesOf(IEnumerable<MetadataReference> references) => references.Select(Copy);

    // Every reference a cell compiles against comes from a file (the runtime, the host, #r); one that does not
    // (an in-memory image) cannot be copied and is used as it is.
    private static MetadataReference Copy(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference { FilePath: { Length: > 0 } path } file || !File.Exists(path)) return reference;
        var metadata = Copies.GetOrAdd(path, p => new Lazy<AssemblyMetadata>(() => AssemblyMetadata.CreateFromFile(p))).Value;
        return metadata.GetReference(FrameworkReferences.DocumentationOf(path), filePath: path).WithProperties(file.Properties);
    }
}

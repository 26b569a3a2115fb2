using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Course.Notebooks.Execution;

/// <summary>
/// Documentation comments of a referenced assembly, read from its .xml file the first time one is asked for
/// (Roslyn's own XML provider lives in the Workspaces package, which the engine does not need otherwise).
/// </summary>
internal sealed class XmlDocumentation(string path) : DocumentationProvider
{
    private readonly string path = path;
    private readonly Lazy<IReadOnlyDictionary<string, string>> members = new(() => Load(path));

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture,
        CancellationToken cancellationToken = default) =>
        members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    private static IReadOnlyDictionary<string, string> Load(string path)
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException or UnauthorizedAccessException)
        {
            return new Dictionary<string, string>();
        }
    }

    public override bool Equals(object? obj) => obj is XmlDocumentation other && other.path == path;

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}

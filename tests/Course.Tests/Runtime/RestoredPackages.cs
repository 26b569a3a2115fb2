using System.Text.Json.Nodes;

namespace Course.Tests.Runtime;

/// <summary>
/// What the build restored for these tests, read from their deps.json: which libtorch backend package (cpu on CI,
/// cuda in the GPU devcontainer) and which versions. Tests compare the running process against this instead of
/// typing in "cpu" and version numbers, so they hold on every machine the course builds on.
/// </summary>
internal static class RestoredPackages
{
    private static readonly IReadOnlyDictionary<string, string> Versions = Read();

    /// <summary>"cuda" when a TorchSharp-cuda package was restored, else "cpu".</summary>
    public static string Backend => Versions.Keys.Any(p => p.StartsWith("TorchSharp-cuda", StringComparison.OrdinalIgnoreCase)) ? "cuda" : "cpu";

    public static string TorchSharp => Version("TorchSharp");

    /// <summary>The version of the libtorch package the backend package pulled (libtorch-cpu, libtorch-cuda-12.8, ...).</summary>
    public static string LibTorch => Version(Versions.Keys.Where(p => p.StartsWith($"libtorch-{Backend}", StringComparison.OrdinalIgnoreCase)).Order().First());

    private static string Version(string package) =>
        Versions.TryGetValue(package, out var version) ? version : throw new InvalidOperationException($"{package} is not among the restored packages: {string.Join(", ", Versions.Keys)}");

    private static Dictionary<string, string> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, typeof(RestoredPackages).Assembly.GetName().Name + ".deps.json");
        var libraries = JsonNode.Parse(File.ReadAllText(path))!["libraries"]!.AsObject();
        return libraries.Where(l => (string?)l.Value!["type"] == "package")
            .Select(l => l.Key.Split('/'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
    }
}

using System.Diagnostics;

namespace Course.Notebooks.Execution;

/// <summary>
/// The assemblies the host process provides: those it has loaded and those its deps.json lets it load (the
/// trusted platform assemblies). A package a cell asks for that the host provides must come from the host: .NET
/// loads one copy of an assembly name per process, so a second copy would fail or split types in two.
/// </summary>
internal static class HostAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> Trusted = new(ReadTrusted);

    /// <summary>Path of the host's copy of the assembly called <paramref name="name"/>, or null if it has none.</summary>
    public static string? Find(string name)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
            !a.IsDynamic && a.Location.Length > 0 && string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase));
        return loaded?.Location ?? Trusted.Value.GetValueOrDefault(name);
    }

    /// <summary>The file version of an assembly (e.g. 13.0.3.27908), which tells package versions apart.</summary>
    public static string FileVersion(string path) =>
        FileVersionInfo.GetVersionInfo(path).FileVersion is { Length: > 0 } version ? version : "unknown version";

    private static Dictionary<string, string> ReadTrusted()
    {
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        return byName;
    }
}

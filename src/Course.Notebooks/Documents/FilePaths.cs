namespace Course.Notebooks.Documents;

/// <summary>
/// Whether two paths name the same file, as the file system sees it: symbolic links in any part of the path
/// are followed, and letter case is ignored where the file system ignores it. Commands use this to refuse,
/// before they write anything, an output that would replace one of their sources.
/// </summary>
public static class FilePaths
{
    private const int MaxLinks = 40; // as Linux's ELOOP limit

    /// <summary>The absolute path with every symbolic link resolved (parts that do not exist yet are kept as given).</summary>
    public static string Real(string path) => Real(path, 0);

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same file or folder.</summary>
    public static bool Same(string a, string b) => string.Equals(Real(a), Real(b), ComparisonAt(a));

    /// <summary>How names compare in the file system holding <paramref name="path"/>.</summary>
    public static StringComparison ComparisonAt(string path) => IgnoresCase(path) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private static string Real(string path, int links)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (links >= MaxLinks) throw new IOException($"{path}: too many levels of symbolic links.");
                next = Real(Path.Combine(current, target), links + 1);
            }
            current = next;
        }
        return current;
    }

    // Probes the nearest existing folder: does its name with the case of its letters flipped find it too?
    private static bool IgnoresCase(string path)
    {
        var dir = new DirectoryInfo(Real(path));
        while (dir is { Exists: false }) dir = dir.Parent;
        for (; dir?.Parent is { } parent; dir = parent)
        {
            var flipped = new string(dir.Name.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
            if (flipped == dir.Name) continue;
            return Directory.Exists(Path.Combine(parent.FullName, flipped))
                   && !parent.EnumerateDirectories().Any(d => d.Name == flipped);
        }
        return OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();
    }
}

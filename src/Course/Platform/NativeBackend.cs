namespace Course.Platform;

/// <summary>Which libtorch build this process loaded, read from the loader's own map of the process.</summary>
/// <remarks>
/// The backend is chosen at build time (libtorch-cpu-&lt;platform&gt; or TorchSharp-cuda-linux, see Directory.Build.targets), so
/// asking the process what it actually mapped is the only answer that cannot drift from the truth.
/// </remarks>
public static class NativeBackend
{
    /// <summary>The loaded backend: "cuda" (libtorch_cuda mapped), "cpu" (only libtorch_cpu), or "unknown".</summary>
    /// <param name="Name">cuda, cpu or unknown (not Linux, or TorchSharp not loaded yet).</param>
    /// <param name="Folder">The folder libLibTorchSharp.so was loaded from, when known.</param>
    public sealed record Loaded(string Name, string? Folder);

    /// <summary>Reads /proc/self/maps; call after <see cref="TorchRuntime.EnsureLoaded"/>.</summary>
    public static Loaded Detect()
    {
        const string maps = "/proc/self/maps";
        if (!OperatingSystem.IsLinux() || !File.Exists(maps)) return new Loaded("unknown", null);
        return FromMaps(File.ReadLines(maps));
    }

    /// <summary>Interprets lines in the /proc/pid/maps format (the path is the last field).</summary>
    public static Loaded FromMaps(IEnumerable<string> lines)
    {
        bool cuda = false, cpu = false;
        string? folder = null;
        foreach (var line in lines)
        {
            int slash = line.IndexOf('/');
            if (slash < 0) continue;
            string path = line[slash..].Trim();
            string file = Path.GetFileName(path);
            if (file.StartsWith("libtorch_cuda.so", StringComparison.Ordinal)) cuda = true;
            else if (file.StartsWith("libtorch_cpu.so", StringComparison.Ordinal)) cpu = true;
            else if (file == "libLibTorchSharp.so") folder ??= Path.GetDirectoryName(path);
        }
        return new Loaded(cuda ? "cuda" : cpu ? "cpu" : "unknown", folder);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Kernel.Spec;

/// <summary>
/// Writes and removes kernelspec directories (<c>kernels/NAME/kernel.json</c> plus logos) where Jupyter,
/// VS Code and JupyterLab look for kernels.
/// </summary>
public static class KernelSpec
{
    private static readonly string[] Logos = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"];

    /// <summary>The per-user kernels directory: <see cref="UserDataDirectory"/>/kernels, for this process's environment.</summary>
    public static string UserKernelsDirectory() => Path.Combine(UserDataDirectory(Environment.GetEnvironmentVariable), "kernels");

    /// <summary>
    /// The per-user Jupyter data directory as jupyter_core computes it: $JUPYTER_DATA_DIR, else the platform's
    /// ($XDG_DATA_HOME/jupyter or ~/.local/share/jupyter on Linux, ~/Library/Jupyter on macOS, %APPDATA%\jupyter
    /// on Windows). Installing and finding kernelspecs (`course doctor`) both use it, so they agree.
    /// </summary>
    /// <param name="variable">Reads an environment variable (tests and the doctor pass their own).</param>
    public static string UserDataDirectory(Func<string, string?> variable)
    {
        if (variable("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir) return dataDir;
        var home = variable(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(variable("APPDATA") is { Length: > 0 } appData ? appData : Path.Combine(home, "AppData", "Roaming"), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        return Path.Combine(variable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
    }

    /// <summary>The kernels directory under an installation prefix: PREFIX/share/jupyter/kernels.</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>
    /// The kernel.json contents for a kernel started by <paramref name="argv"/>; <paramref name="environment"/> is set
    /// for the kernel process by the front end (e.g. COURSE_QUICK=1 for the quick-mode kernel).
    /// </summary>
    public static JsonObject Describe(IReadOnlyList<string> argv, string displayName, IReadOnlyDictionary<string, string>? environment = null) => new()
    {
        ["argv"] = new JsonArray([.. argv.Select(a => JsonValue.Create(a))]),
        ["display_name"] = displayName,
        ["language"] = KernelInfo.Language,
        ["interrupt_mode"] = "message",
        ["env"] = new JsonObject((environment ?? new Dictionary<string, string>()).Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value)))),
        ["metadata"] = new JsonObject { ["debugger"] = false, ["course"] = "accuracy-vs-speed" },
    };

    /// <summary>Writes <c>kernelsDirectory/name</c> (replacing an older one) and returns its path.</summary>
    public static string Install(string kernelsDirectory, string name, string displayName, IReadOnlyList<string> argv,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        CheckName(name);
        var directory = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(directory);
        var json = Describe(argv, displayName, environment).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(directory, "kernel.json"), json + Environment.NewLine);
        foreach (var logo in Logos)
        {
            using var source = typeof(KernelSpec).Assembly.GetManifestResourceStream($"Course.Kernel.Spec.{logo}")
                               ?? throw new InvalidOperationException($"The logo {logo} is missing from Course.Kernel's resources.");
            using var target = File.Create(Path.Combine(directory, logo));
            source.CopyTo(target);
        }
        return directory;
    }

    /// <summary>Removes <c>kernelsDirectory/name</c>; false when it was not there.</summary>
    public static bool Uninstall(string kernelsDirectory, string name)
    {
        CheckName(name);
        var directory = Path.Combine(kernelsDirectory, name);
        if (!File.Exists(Path.Combine(directory, "kernel.json"))) return false;
        Directory.Delete(directory, recursive: true);
        return true;
    }

    // Jupyter accepts ASCII letters, digits, '.', '_' and '-' in kernel names (case-insensitive).
    private static void CheckName(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            throw new ArgumentException($"Kernel name '{name}' is not valid: use letters, digits, '.', '_' and '-' only (e.g. {KernelInfo.DefaultName}).");
    }
}

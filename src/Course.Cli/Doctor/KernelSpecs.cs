using System.Text.Json;

namespace Course.Cli.Doctor;

/// <summary>Finds Jupyter kernelspecs the way Jupyter does (jupyter_core's data path), without needing Python.</summary>
public static class KernelSpecs
{
    /// <summary>The kernelspec name `course kernel install` registers.</summary>
    public const string CourseKernel = Course.Kernel.KernelInfo.DefaultName;

    /// <summary>
    /// Jupyter's data folders in its search order: $JUPYTER_PATH entries, the user folder ($JUPYTER_DATA_DIR,
    /// $XDG_DATA_HOME/jupyter or ~/.local/share/jupyter), the prefix of the `jupyter` found on PATH (sys-prefix installs, e.g. a venv),
    /// then the system folders.
    /// </summary>
    public static IReadOnlyList<string> DataDirs(DoctorContext context)
    {
        var dirs = new List<string>();
        if (context.Variable("JUPYTER_PATH") is { Length: > 0 } extra)
            dirs.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        dirs.Add(Course.Kernel.Spec.KernelSpec.UserDataDirectory(context.Variable)); // where `course kernel install` writes
        if (FindOnPath("jupyter", context) is { } jupyter &&
            Path.GetDirectoryName(Path.GetDirectoryName(ResolveLink(jupyter))) is { } prefix)
            dirs.Add(Path.Combine(prefix, "share", "jupyter"));
        dirs.AddRange(context.SystemJupyterDirs);
        return dirs.Distinct().ToList();
    }

    /// <summary>The first kernel.json for <paramref name="name"/> in <see cref="DataDirs"/>, or null.</summary>
    public static string? Find(string name, DoctorContext context) =>
        DataDirs(context).Select(d => Path.Combine(d, "kernels", name, "kernel.json")).FirstOrDefault(File.Exists);

    /// <summary>The program a kernel.json launches (argv[0]), or null when the file has no argv.</summary>
    public static string? Program(string kernelJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(kernelJson));
        return doc.RootElement.TryGetProperty("argv", out var argv) && argv.ValueKind == JsonValueKind.Array && argv.GetArrayLength() > 0
            ? argv[0].GetString()
            : null;
    }

    /// <summary>Full path of an executable on the context's PATH, or null.</summary>
    public static string? FindOnPath(string program, DoctorContext context) =>
        (context.Variable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}

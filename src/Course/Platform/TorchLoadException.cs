namespace Course.Platform;

/// <summary>
/// TorchSharp's native library could not be loaded. The message names what is missing and how to fix it;
/// TorchSharp's own long loader trace is kept in <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class TorchLoadException : Exception
{
    private TorchLoadException(string message, Exception inner) : base(message, inner) { }

    internal static TorchLoadException From(Exception error, LibStdCxxCompat.Report compat)
    {
        string trace = Flatten(error);
        string fix;
        if (compat.Problems.Count > 0)
            fix = $"The {LibStdCxxCompat.BlockingVersion} workaround could not be applied: {string.Join("; ", compat.Problems)}. " +
                  "Make that file writable for this user (or run the course once as its owner), then try again.";
        else if (trace.Contains("GLIBCXX_", StringComparison.Ordinal) || trace.Contains("CXXABI_", StringComparison.Ordinal))
            fix = "The system's libstdc++ is too old for this libtorch build. Install a newer libstdc++ " +
                  "(GCC 13 or later) or use the course's devcontainer.";
        else if (trace.Contains("doesn't contain a reference to libtorch", StringComparison.Ordinal) ||
                 trace.Contains("libtorch-cpu", StringComparison.Ordinal) && trace.Contains("not found", StringComparison.Ordinal))
            fix = "The libtorch backend package is missing. Executables and tests must reference libtorch-cpu-<platform> " +
                  "(or TorchSharp-cuda-linux): set <CourseNeedsBackend>true</CourseNeedsBackend> in the project file and restore. " +
                  "On a platform without libtorch (Intel macOS, Windows on ARM, Linux arm64) see `course doctor`.";
        else
            fix = "Run `course doctor` for a full check of the machine.";
        string first = error is TypeInitializationException { InnerException: { } inner } ? inner.Message : error.Message;
        first = first.Split('\n', 2)[0].Trim();
        return new TorchLoadException($"TorchSharp's native library (libLibTorchSharp.so / libtorch) did not load: {first} {fix}", error);
    }

    private static string Flatten(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) parts.Add(x.Message);
        return string.Join("\n", parts);
    }
}

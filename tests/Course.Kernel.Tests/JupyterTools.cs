using System.Diagnostics;
using System.Text.RegularExpressions;
using Course.Platform;
using Course.TestSupport;

namespace Course.Kernel.Tests;

/// <summary>
/// Installs the real kernel (the CLI built beside these tests) as a kernelspec in a temporary prefix, and runs
/// Debian's Jupyter tools (/usr/bin/python3, /usr/bin/jupyter — not the pyenv python on PATH) against it.
/// </summary>
public sealed partial class KernelInstallation : IDisposable
{
    public KernelInstallation()
    {
        Prefix = Directory.CreateTempSubdirectory("course-kernel-tests-").FullName;
        var cli = Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll");
        var install = Run("dotnet", [cli, "kernel", "install", "--prefix", Prefix, "--name", Name], AppContext.BaseDirectory);
        if (install.ExitCode != 0) throw new InvalidOperationException($"kernel install failed: {install.Output}");
    }

    public string Name { get; } = "course-csharp-test";

    public string Prefix { get; }

    public static string KernelTestsDirectory => Path.Combine(RepositoryRoot(), "tests", "kernel");

    /// <summary>Runs a program with JUPYTER_PATH pointing at the temporary kernelspec.</summary>
    public (int ExitCode, string Output) Jupyter(string program, IEnumerable<string> args, string workingDirectory,
        Dictionary<string, string>? env = null, TimeSpan? limit = null) =>
        Run(program, args, workingDirectory,
            new(env ?? []) { ["JUPYTER_PATH"] = Path.Combine(Prefix, "share", "jupyter"), ["COURSE_KERNEL_NAME"] = Name }, limit);

    /// <summary>
    /// Runs a program to its end through the library's runner: past <paramref name="limit"/> (5 minutes unless given) it
    /// and what it started are killed and a <see cref="TimeoutException"/> shows the end of its output.
    /// </summary>
    public static (int ExitCode, string Output) Run(string program, IEnumerable<string> args, string workingDirectory,
        Dictionary<string, string>? env = null, TimeSpan? limit = null)
    {
        var start = new ProcessStartInfo(program, args) { WorkingDirectory = workingDirectory };
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        foreach (var (k, v) in env ?? []) start.Environment[k] = v;
        var (exit, output, error) = ExternalTool.Run(start, limit ?? TimeSpan.FromMinutes(5));
        return (exit, output + error);
    }

    /// <summary>Runs a unittest module in tests/kernel and returns (ran, skipped names, output), asserting success.</summary>
    public (int Ran, IReadOnlyList<string> Skipped, string Output) UnitTests(string module)
    {
        var (exit, output) = Jupyter("/usr/bin/python3", ["-m", "unittest", "-v", module], KernelTestsDirectory);
        Assert.True(exit == 0, $"python -m unittest {module} failed:\n{output}");
        var ran = int.Parse(RanLine().Match(output).Groups[1].Value);
        var skipped = SkippedLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        return (ran, skipped, output);
    }

    [GeneratedRegex(@"^Ran (\d+) tests?", RegexOptions.Multiline)]
    private static partial Regex RanLine();

    [GeneratedRegex(@"^(test_\w+) .*\.\.\. skipped", RegexOptions.Multiline)]
    private static partial Regex SkippedLine();

    public static string RepositoryRoot() => ExecutedCourse.RepositoryRoot();

    public void Dispose() => Directory.Delete(Prefix, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class KernelCollection : ICollectionFixture<KernelInstallation>
{
    public const string Name = "real Jupyter clients";
}

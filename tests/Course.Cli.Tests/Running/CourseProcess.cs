using System.Diagnostics;
using Course.Platform;

namespace Course.Cli.Tests.Running;

/// <summary>Runs the built `course` tool (the Course.Cli apphost beside the tests) as a learner would.</summary>
internal static class CourseProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Course.Cli.exe" : "Course.Cli");

    public static string Fixtures { get; } = FindFixtures();

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, TimeSpan.FromMinutes(3), args);

    /// <summary>
    /// Runs the tool (without a COURSE_QUICK inherited from the developer's shell) and returns its exit code and output
    /// (standard output, then standard error). Past <paramref name="limit"/> it and what it started are killed and the
    /// test fails with a <see cref="TimeoutException"/> showing the end of its output.
    /// </summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var start = Start(workingDirectory, args);
        start.Environment.Remove("COURSE_QUICK");
        return Run(start, limit);
    }

    /// <summary>The tool's start info, for a caller that sets more of the environment before <see cref="Run(ProcessStartInfo, TimeSpan)"/>.</summary>
    public static ProcessStartInfo Start(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Runs any program through the library's runner: exit code and output (standard output, then standard error).</summary>
    public static (int ExitCode, string Output) Run(ProcessStartInfo start, TimeSpan limit)
    {
        var (exit, output, error) = ExternalTool.Run(start, limit);
        return (exit, output + error);
    }

    /// <summary>Validates a notebook with the Jupyter project's own nbformat (Debian's python3-nbformat).</summary>
    public static void AssertValidNotebook(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { ArgumentList = { "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path } };
        var (exit, output) = Run(start, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"nbformat rejects {path}:\n{output}");
    }

    public static string TempDirectory() => Directory.CreateTempSubdirectory("course-run-").FullName;

    private static string FindFixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "notebooks");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fixtures/notebooks");
    }
}

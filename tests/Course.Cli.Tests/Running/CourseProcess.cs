using System.Diagnostics;

namespace Course.Cli.Tests.Running;

/// <summary>Runs the built `course` tool (the Course.Cli apphost beside the tests) as a learner would.</summary>
internal static class CourseProcess
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Course.Cli.exe" : "Course.Cli");

    public static string Fixtures { get; } = FindFixtures();

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, TimeSpan.FromMinutes(3), args);

    /// <summary>Runs the tool and kills it (and what it started) after <paramref name="limit"/>.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("COURSE_QUICK");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(limit)) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>Validates a notebook with the Jupyter project's own nbformat (Debian's python3-nbformat).</summary>
    public static void AssertValidNotebook(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"nbformat rejects {path}:\n{error}");
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

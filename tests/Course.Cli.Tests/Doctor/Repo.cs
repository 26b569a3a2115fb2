using Course.Cli.Tests.Running;

namespace Course.Cli.Tests.Doctor;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException("Course.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("course-doctor-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>
/// Tests that restore or build the course in a child process: run apart from the parallel classes, so they neither
/// slow the timed tests down nor see a build in progress.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CourseBuildCollection
{
    public const string Name = "builds the course";
}

/// <summary>Runs a program to the end for a test: its exit code and everything it printed.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> in <paramref name="directory"/>; each variable in
    /// <paramref name="env"/> is set, or removed when its value is null. Goes through the tests' one process runner
    /// (<see cref="CourseProcess.Run(System.Diagnostics.ProcessStartInfo, TimeSpan)"/>), so past 10 minutes the program
    /// and what it started are killed and the test fails with the end of its output.
    /// </summary>
    public static (int Exit, string Output) Run(string file, IEnumerable<string> args, string directory, params (string Name, string? Value)[] env)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = directory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in env)
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;
        return CourseProcess.Run(start, TimeSpan.FromMinutes(10));
    }
}

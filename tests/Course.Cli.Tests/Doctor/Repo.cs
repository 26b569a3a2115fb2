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

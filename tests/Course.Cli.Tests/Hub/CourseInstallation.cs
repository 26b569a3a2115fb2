using System.Diagnostics;
using Course.Cli.Tests.Doctor;
using Course.Platform;

namespace Course.Cli.Tests.Hub;

/// <summary>
/// One installation made by workshop/jupyterhub/install-course.sh into a temporary prefix — what the workshop image
/// runs — shared by the tests of the install and of the hub that serves it.
/// </summary>
public sealed class CourseInstallation : IDisposable
{
    public CourseInstallation()
    {
        Prefix = Directory.CreateTempSubdirectory("course-hub-prefix-").FullName;
        var (exit, output, errors) = Run("bash", [Script, "--prefix", Prefix], TimeSpan.FromMinutes(8));
        InstallLog = output + errors;
        if (exit != 0) throw new InvalidOperationException($"install-course.sh failed (exit {exit}):\n{InstallLog}");
    }

    public static string Script => Repo.File("workshop", "jupyterhub", "install-course.sh");

    public string Prefix { get; }

    public string InstallLog { get; }

    public void Dispose() => Directory.Delete(Prefix, recursive: true);

    /// <summary>Runs a program with Jupyter looking only under the prefix (a kernel in ~/.local must not make a test pass).</summary>
    public (int ExitCode, string Output, string Errors) RunWithPrefixJupyter(string program, string[] args)
    {
        var start = Start(program, args);
        start.Environment["JUPYTER_PATH"] = Path.Combine(Prefix, "share", "jupyter");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(Prefix, "jupyter-data");
        return ExternalTool.Run(start, TimeSpan.FromMinutes(2));
    }

    public static (int ExitCode, string Output, string Errors) Run(string program, string[] args, TimeSpan limit, string? workingDirectory = null) =>
        ExternalTool.Run(Start(program, args, workingDirectory), limit);

    private static ProcessStartInfo Start(string program, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("COURSE_QUICK");
        return start;
    }
}

/// <summary>The installation's tests build the course and start servers: apart from the parallel classes.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HubCollection : ICollectionFixture<CourseInstallation>
{
    public const string Name = "installs the course for a hub";
}

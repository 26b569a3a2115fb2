using System.Diagnostics;
using System.Text.Json.Nodes;
using Course.Cli.Tests.Doctor;
using Course.Platform;

namespace Course.Cli.Tests.Workshop;

/// <summary>The JupyterHub image's install script, run here with a temporary prefix (CI has no Docker).</summary>
public sealed class InstallCourseScriptTests : IDisposable
{
    private readonly TempDir prefix = new();

    public void Dispose() => prefix.Dispose();

    [Fact]
    public void Installs_a_kernel_jupyter_finds_under_the_prefix()
    {
        var content = Path.Combine(prefix.Path, "home");
        var (exit, output, errors) = Run("bash", [Repo.File("workshop", "jupyterhub", "install-course.sh"), "--prefix", prefix.Path, "--content", content], null);
        Assert.True(exit == 0, output + errors);

        var (listed, json, listErrors) = Run("/usr/bin/jupyter", ["kernelspec", "list", "--json"], Path.Combine(prefix.Path, "share", "jupyter"));
        Assert.True(listed == 0, json + listErrors);
        var spec = JsonNode.Parse(json)!["kernelspecs"]!["course-csharp"];
        Assert.NotNull(spec);
        Assert.StartsWith(prefix.Path, (string)spec["resource_dir"]!);
        var argv = spec["spec"]!["argv"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal(Path.Combine(prefix.Path, "course", "Course.Cli.dll"), argv[1]);
        Assert.True(File.Exists(argv[1]), "the kernelspec points at a course build that is not there");
        Assert.True(File.Exists(Path.Combine(content, "notebooks", "01-regression-losses.ipynb")));
        Assert.True(Directory.Exists(Path.Combine(content, "datasets", "mnist")));
    }

    [Fact]
    public void Rejects_an_unknown_option_with_a_clear_message()
    {
        var (exit, _, errors) = Run("bash", [Repo.File("workshop", "jupyterhub", "install-course.sh"), "--prefx", prefix.Path], null);
        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--prefx'", errors);
    }

    private static (int ExitCode, string Output, string Errors) Run(string program, string[] args, string? jupyterPath)
    {
        var start = new ProcessStartInfo(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (jupyterPath is not null)
        {
            start.Environment["JUPYTER_PATH"] = jupyterPath;
            // Only the prefix: a kernel the developer installed in ~/.local must not make the test pass.
            start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(jupyterPath, "data");
        }
        return ExternalTool.Run(start, TimeSpan.FromMinutes(5));
    }
}

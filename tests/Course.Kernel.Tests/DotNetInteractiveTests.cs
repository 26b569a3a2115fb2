using System.Text.Json.Nodes;
using Course.Interactive;

namespace Course.Kernel.Tests;

/// <summary>
/// The course under .NET Interactive, as a learner who kept Polyglot Notebooks meets it: the dotnet-interactive tool
/// installed into a temporary tool path, its Jupyter kernels registered into a temporary Jupyter path, and committed
/// notebooks executed by nbconvert with its <c>.net-csharp</c> kernel in quick mode. Their first cell loads the
/// course this test run built (docs/dotnet-interactive.md); every cell must run without error, the charts must come
/// out as HTML that draws them with plotly.js (the library itself included once) and the exercise checks as the
/// course's HTML.
/// In the kernel tests' collection so that it never runs beside the other notebook runs on a two-core machine.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class DotNetInteractiveTests : IDisposable
{
    private const string KernelName = ".net-csharp";
    private readonly string root = Directory.CreateTempSubdirectory("course-dotnet-interactive-").FullName;

    public static TheoryData<string> Notebooks => new(["01-regression-losses", "03-cnn-mnist"]);

    [Theory]
    [MemberData(nameof(Notebooks))]
    [Trait("Category", "Slow")]
    public void The_notebook_runs_under_dotnet_interactive_with_its_charts(string name)
    {
        var environment = Install();
        // The notebooks' #r path is relative to their folder ("../src/..."): a copy of the folder beside a link to
        // the sources (and so to this run's build) resolves it as the repository does, and keeps results out of it.
        var repository = KernelInstallation.RepositoryRoot();
        var course = Path.Combine(root, "course");
        Directory.CreateDirectory(Path.Combine(course, "notebooks"));
        Directory.CreateSymbolicLink(Path.Combine(course, "src"), Path.Combine(repository, "src"));
        var notebook = Path.Combine(course, "notebooks", name + ".ipynb");
        File.Copy(Path.Combine(repository, "notebooks", name + ".ipynb"), notebook);

        var executed = Path.Combine(root, "executed");
        var (exit, log) = KernelInstallation.Run("/usr/bin/jupyter",
            ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={KernelName}",
             // A loaded two-core machine can take long to start the tool's kernel: give it more than nbclient's 60 s.
             "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=300", "--output-dir", executed, notebook],
            Path.GetDirectoryName(notebook)!, environment, TimeSpan.FromMinutes(12));
        Assert.True(exit == 0, $"nbconvert with dotnet-interactive's kernel failed on {name}:\n{log}");

        var outputs = JsonNode.Parse(File.ReadAllText(Path.Combine(executed, name + ".ipynb")))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => c!["outputs"]!.AsArray().Select(o => o!))
            .ToList();
        var errors = outputs.Where(o => (string?)o["output_type"] == "error").Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.True(errors.Count == 0, $"{name} under dotnet-interactive: {string.Join("\n", errors)}");
        var html = outputs.Select(o => o["data"]?["text/html"]).OfType<JsonNode>()
            .Select(h => h is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)h ?? "").ToList();
        Assert.True(html.Count(h => h.Contains("window.Plotly.newPlot(", StringComparison.Ordinal)) >= 2,
            $"{name}: expected its charts as HTML drawn by plotly.js; found {html.Count} HTML outputs");
        Assert.Equal(1, html.Count(h => h.Contains("plotly.js v2.28.0", StringComparison.Ordinal)));
        // The exercise checks, shown by the course's own formatter through .NET Interactive's.
        Assert.Contains(html, h => h.Contains("class=\"course-check ", StringComparison.Ordinal));
    }

    /// <summary>Installs the pinned tool and registers its kernels; returns the environment nbconvert needs to find them.</summary>
    private Dictionary<string, string> Install()
    {
        var tools = Path.Combine(root, "tools");
        var (exit, log) = KernelInstallation.Run("dotnet",
            ["tool", "install", "Microsoft.dotnet-interactive", "--version", DotNetInteractive.ToolVersion, "--tool-path", tools],
            root, limit: TimeSpan.FromMinutes(5));
        Assert.True(exit == 0,
            $"Could not install the dotnet-interactive tool {DotNetInteractive.ToolVersion} from the NuGet sources of this machine " +
            $"(the test needs it; check the sources with `dotnet nuget list source`):\n{log}");
        // The tool writes into an existing folder only; JUPYTER_PATH entries hold kernels/<name>/kernel.json.
        var kernels = Directory.CreateDirectory(Path.Combine(root, "jupyter", "kernels")).FullName;
        (exit, log) = KernelInstallation.Run(Path.Combine(tools, "dotnet-interactive"), ["jupyter", "install", "--path", kernels], root);
        Assert.True(exit == 0 && File.Exists(Path.Combine(kernels, KernelName, "kernel.json")),
            $"`dotnet-interactive jupyter install --path {kernels}` did not register {KernelName}:\n{log}");
        var repository = KernelInstallation.RepositoryRoot();
        return new()
        {
            // The kernelspec starts `dotnet interactive`, which the dotnet host finds as dotnet-interactive on PATH.
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["JUPYTER_PATH"] = Path.Combine(root, "jupyter"),
            ["COURSE_QUICK"] = "1",
            ["COURSE_DATASETS"] = Path.Combine(repository, "datasets"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

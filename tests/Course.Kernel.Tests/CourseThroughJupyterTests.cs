using System.Text.Json.Nodes;
using Course.TestSupport;

namespace Course.Kernel.Tests;

/// <summary>
/// The course as learners run it in VS Code or JupyterLab: the committed notebooks (exercise stubs untouched) executed
/// by nbconvert through our kernel, in order, in quick mode. Every cell must produce the same kinds of output as in
/// the course's one `course run` of this test run (<see cref="ExecutedCourse"/>, with the worked solutions), and none
/// may be an error.
/// </summary>
[Collection(KernelCollection.Name)]
public sealed class CourseThroughJupyterTests(KernelInstallation kernel)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_course_runs_in_quick_mode_under_nbconvert_with_the_same_outputs_as_under_course_run()
    {
        var course = ExecutedCourse.Get();
        Assert.True(course.ExitCode == 0, $"`course run notebooks --quick` failed:\n{course.Log}");
        Assert.True(Directory.GetFiles(Path.Combine(course.Notebooks, "results"), "05-*.csv").Length > 0, "notebook 05 saved no results for 06");

        var notebooks = Directory.CreateTempSubdirectory("course-nbconvert-").FullName;
        var names = Directory.GetFiles(Path.Combine(KernelInstallation.RepositoryRoot(), "notebooks"), "*.ipynb").Order().ToList();
        Assert.Equal(9, names.Count);
        foreach (var path in names) File.Copy(path, Path.Combine(notebooks, Path.GetFileName(path)));

        var jupyterOut = Path.Combine(notebooks, "nbconvert");
        foreach (var path in names.Select(n => Path.Combine(notebooks, Path.GetFileName(n))))
        {
            var name = Path.GetFileName(path);
            var (nbExit, nbLog) = kernel.Jupyter("/usr/bin/jupyter",
                ["nbconvert", "--to", "notebook", "--execute", $"--ExecutePreprocessor.kernel_name={kernel.Name}",
                 "--ExecutePreprocessor.timeout=600", "--output-dir", jupyterOut, path],
                notebooks, new() { ["COURSE_QUICK"] = "1" }, TimeSpan.FromMinutes(10));
            Assert.True(nbExit == 0, $"nbconvert failed on {name}:\n{nbLog}");

            var byCourse = CodeCells(Path.Combine(course.Executed, name));
            var byJupyter = CodeCells(Path.Combine(jupyterOut, name));
            // `course run --quick` adds one cell (the quick-mode parameters) after the parameters cell; nothing else differs.
            var injected = byCourse.Keys.Except(byJupyter.Keys).ToList();
            Assert.True(injected.Count == 1, $"{name}: expected only the injected parameters cell to differ, got {string.Join(", ", injected)}");
            Assert.Equal(byJupyter.Keys.Order(), byCourse.Keys.Except(injected).Order());
            foreach (var (id, kinds) in byJupyter)
                Assert.True(kinds.SequenceEqual(byCourse[id]),
                    $"{name}, cell {id}: nbconvert produced [{string.Join(", ", kinds)}], course run [{string.Join(", ", byCourse[id])}]");
            Assert.DoesNotContain(byJupyter.Values.SelectMany(k => k), k => k.StartsWith("error", StringComparison.Ordinal));
        }
        Assert.True(Directory.GetFiles(Path.Combine(notebooks, "results"), "05-*.csv").Length > 0, "under nbconvert, notebook 05 saved no results for 06");
        Directory.Delete(notebooks, recursive: true);
    }

    /// <summary>
    /// Each code cell's outputs as kinds: output type plus MIME types, with consecutive writes to one stream counted
    /// once (front ends may store them as one output or several).
    /// </summary>
    private static Dictionary<string, List<string>> CodeCells(string path)
    {
        var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
        return cells.Where(c => (string?)c!["cell_type"] == "code").ToDictionary(c => (string)c!["id"]!, c =>
        {
            var kinds = new List<string>();
            foreach (var output in c!["outputs"]!.AsArray())
            {
                var type = (string)output!["output_type"]!;
                var kind = type switch
                {
                    "stream" => $"stream:{output["name"]}",
                    "display_data" or "execute_result" => $"{type}:{string.Join("+", output["data"]!.AsObject().Select(p => p.Key).Order())}",
                    _ => type,
                };
                if (kinds.Count == 0 || kinds[^1] != kind || type != "stream") kinds.Add(kind);
            }
            return kinds;
        });
    }
}

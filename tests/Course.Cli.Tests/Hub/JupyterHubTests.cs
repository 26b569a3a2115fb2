using System.Text.Json.Nodes;
using Course.Cli.Tests.Doctor;
using Xunit.Abstractions;

namespace Course.Cli.Tests.Hub;

/// <summary>
/// A real JupyterHub on 127.0.0.1 serving the installation to three learners (tests/hub/run_hub.py): they log in
/// through the login form, their servers start with the course copied into their homes, and each runs a notebook
/// on the quick course kernel through the proxy, one after another.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class JupyterHubTests(CourseInstallation installed, ITestOutputHelper console)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Three_learners_log_in_get_the_course_and_run_a_notebook()
    {
        using var work = new TempDir();
        var result = Path.Combine(work.Path, "result.json");
        var (exit, output, errors) = CourseInstallation.Run("/usr/bin/python3",
            [Repo.File("tests", "hub", "run_hub.py"), "--prefix", installed.Prefix, "--work", Path.Combine(work.Path, "hub"), "--out", result],
            TimeSpan.FromMinutes(10));
        console.WriteLine(output); // what it measured, in the test log
        Assert.True(exit == 0, output + errors);

        var measured = JsonNode.Parse(File.ReadAllText(result))!;
        var learners = measured["learners"]!.AsArray();
        Assert.Equal(["ada", "grace", "alan"], learners.Select(l => (string)l!["learner"]!));
        Assert.All(learners, l =>
        {
            Assert.True((int)l!["cells"]! > 5);
            Assert.True((double)l["kernel_peak_rss_mb"]! > 50, "the kernel's memory was not sampled");
            Assert.True((double)l["kernel_cpu_s"]! > 0.5, "the kernel's CPU time was not measured");
        });
        Assert.Contains("02-gradient-descent.ipynb", measured["home_notebooks"]!.AsArray().Select(n => (string)n!));
    }
}

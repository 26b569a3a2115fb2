using System.Text.Json.Nodes;
using Course.Cli.Tests.Doctor;

namespace Course.Cli.Tests.Hub;

/// <summary>The workshop image's install script, run here with a temporary prefix (CI has no Docker).</summary>
[Collection(HubCollection.Name)]
public sealed class InstallCourseScriptTests(CourseInstallation installed)
{
    [Theory]
    [InlineData("course-csharp", "C# (course)", null)]
    [InlineData("course-csharp-quick", "C# (course, quick)", "1")]
    public void Registers_both_kernels_where_jupyter_finds_them(string name, string displayName, string? quick)
    {
        var (exit, json, errors) = installed.RunWithPrefixJupyter("/usr/bin/jupyter", ["kernelspec", "list", "--json"]);
        Assert.True(exit == 0, json + errors);
        var spec = JsonNode.Parse(json)!["kernelspecs"]![name];
        Assert.True(spec is not null, $"jupyter does not list {name}: {json}");
        Assert.StartsWith(installed.Prefix, (string)spec["resource_dir"]!);
        Assert.Equal(displayName, (string?)spec["spec"]!["display_name"]);
        Assert.Equal(quick, (string?)spec["spec"]!["env"]?["COURSE_QUICK"]);
        var argv = spec["spec"]!["argv"]!.AsArray().Select(a => (string)a!).ToList();
        Assert.Equal(Path.Combine(installed.Prefix, "course", "Course.Cli.dll"), argv[1]);
        Assert.True(File.Exists(argv[1]), "the kernelspec points at a course build that is not there");
    }

    [Fact]
    public void Learners_start_from_student_copies_and_the_shared_datasets()
    {
        var home = Path.Combine(installed.Prefix, "learner-home", "course");
        var notebooks = Directory.GetFiles(home, "*.ipynb").Select(Path.GetFileName).Order().ToList();
        var teacher = Directory.GetFiles(Repo.File("notebooks"), "*.ipynb").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(teacher, notebooks);
        Assert.False(Directory.Exists(Path.Combine(home, "solutions")), "the worked solutions must not reach learners");
        // A student copy has the exercise stubs, not the teacher's worked solutions or outputs.
        var student = File.ReadAllText(Path.Combine(home, "01-regression-losses.ipynb"));
        Assert.Contains("NotImplementedException", student);
        Assert.DoesNotContain("\"outputs\": [\n        {", student);
        Assert.True(Directory.Exists(Path.Combine(installed.Prefix, "datasets", "mnist")));
    }

    [Fact]
    public void Course_home_copies_what_is_missing_and_never_overwrites_a_learners_work()
    {
        using var home = new TempDir();
        var course = Path.Combine(home.Path, "course");
        Directory.CreateDirectory(course);
        var mine = Path.Combine(course, "01-regression-losses.ipynb");
        File.WriteAllText(mine, "my edited notebook");
        var script = Path.Combine(installed.Prefix, "bin", "course-home");

        var (exit, output, errors) = CourseInstallation.Run(script, [home.Path], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output + errors);
        Assert.Equal("my edited notebook", File.ReadAllText(mine));
        Assert.True(File.Exists(Path.Combine(course, "00-measuring.ipynb")));

        // A notebook the learner deleted comes back at the next start; nothing else is copied again.
        File.Delete(Path.Combine(course, "00-measuring.ipynb"));
        (exit, output, errors) = CourseInstallation.Run(script, [home.Path], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output + errors);
        Assert.Contains("1 file(s) copied", output);
        Assert.True(File.Exists(Path.Combine(course, "00-measuring.ipynb")));
        Assert.Equal("my edited notebook", File.ReadAllText(mine));
    }

    [Theory]
    [InlineData("--prefx", "unknown option '--prefx'")]
    [InlineData("--content", "--content is gone")]
    public void Rejects_a_wrong_option_with_a_clear_message(string option, string message)
    {
        var (exit, _, errors) = CourseInstallation.Run("bash", [CourseInstallation.Script, option, "/tmp/x"], TimeSpan.FromMinutes(1));
        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
    }
}

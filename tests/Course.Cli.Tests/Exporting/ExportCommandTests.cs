using System.Diagnostics;
using Course.Cli.Tests.Running;
using Course.Platform;

namespace Course.Cli.Tests.Exporting;

public class ExportCommandTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void An_exported_notebook_runs_with_dotnet_run_and_prints_what_the_notebook_displays()
    {
        var folder = CourseProcess.TempDirectory();
        try
        {
            var target = Path.Combine(folder, "lesson.cs");
            var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "export", "export.ipynb", "--to", "cs", "-o", target);
            Assert.True(exit == 0, log);
            var code = File.ReadAllText(target);
            Assert.Contains("#:package Newtonsoft.Json@13.0.4\n", code);
            Assert.Matches(@"#:project [./]+.*src/Course/Course\.csproj\n", code);
            Assert.Contains("// # Export me\n", code);

            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, ArgumentList = { "run", "lesson.cs" } };
            var (runExit, stdout, stderr) = ExternalTool.Run(start, TimeSpan.FromSeconds(120));
            Assert.True(runExit == 0, stdout + stderr);
            Assert.Equal("{\"Name\":\"fast\",\"Accuracy\":0.97}\nprinted by Console\n97\n", stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Exporting_an_unreadable_notebook_says_why()
    {
        var (exit, log) = CourseProcess.Run(CourseProcess.Fixtures, "export", "malformed.ipynb", "-o", Path.Combine(Path.GetTempPath(), "never.cs"));
        Assert.Equal(2, exit);
        Assert.Contains("line 7, position 2", log.Replace("\n", ""));
    }
}

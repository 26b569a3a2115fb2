using System.Diagnostics;
using Course.Cli.Tests.Running;

namespace Course.Cli.Tests.Exporting;

public class ExportCommandTests
{
    [Fact]
    public async Task An_exported_notebook_runs_with_dotnet_run_and_prints_what_the_notebook_displays()
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

            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { "run", "lesson.cs" } };
            using var run = Process.Start(start)!;
            var stderr = run.StandardError.ReadToEndAsync();
            var stdout = run.StandardOutput.ReadToEnd();
            Assert.True(run.WaitForExit(TimeSpan.FromSeconds(120)), "dotnet run did not finish");
            Assert.True(run.ExitCode == 0, stdout + await stderr);
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

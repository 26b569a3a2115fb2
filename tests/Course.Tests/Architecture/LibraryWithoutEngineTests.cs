using System.Diagnostics;
using Course.Platform;

namespace Course.Tests.Architecture;

/// <summary>
/// The library works in any C# program: a console program that trains with it and shows values builds without the
/// notebook engine, and its output folder holds neither the engine nor Roslyn.
/// </summary>
public sealed class LibraryWithoutEngineTests
{
    private const string Program = """
        using Course.Data;
        using Course.Hosting;
        using Course.Platform;
        using Course.Training;

        TorchRuntime.EnsureLoaded();
        var data = Synthetic.Line(256, noiseStd: 0.1, seed: 1);
        var model = TorchSharp.torch.nn.Linear(1, 1);
        var history = Trainer.Fit(model, data, options: new TrainOptions { Loss = Loss.MeanSquaredError, Epochs = 3, Quiet = true });
        Display.Show($"epochs {history.Epochs.Count}");
        Console.WriteLine(CellContext.InNotebook ? "in a notebook" : "outside a notebook");
        """;

    [Fact]
    public void A_console_program_using_the_library_runs_without_Roslyn_or_the_engine_in_its_output_folder()
    {
        var folder = Directory.CreateTempSubdirectory("course-library-app-").FullName;
        try
        {
            WriteProject(folder);
            // No -o: it would pass its folder to the library's build too and rebuild the repository's copy of it.
            var build = Dotnet(folder, TimeSpan.FromMinutes(5), "build", "-c", "Release", "-nologo");
            var output = Path.Combine(folder, "bin", "Release", "net10.0");
            Assert.True(build.ExitCode == 0, $"dotnet build failed:\n{build.Output}\n{build.Error}");

            var files = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
            Assert.Contains("Course.dll", files);
            Assert.Contains("Course.Hosting.dll", files);
            Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
            Assert.DoesNotContain(files, f => f is "Course.Notebooks.dll" or "Course.Kernel.dll" or "Course.Cli.dll");

            var run = Dotnet(folder, TimeSpan.FromMinutes(2), Path.Combine(output, "LibraryApp.dll"));
            Assert.True(run.ExitCode == 0, $"the program failed:\n{run.Output}\n{run.Error}");
            Assert.Contains("epochs 3", run.Output);
            Assert.Contains("outside a notebook", run.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A project outside the repository that still gets the repository's build settings and pinned package versions.
    private static void WriteProject(string folder)
    {
        string Import(string file) => $"<Project><Import Project=\"{Path.Combine(RepoPaths.Root, file)}\" /></Project>";
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), Import("Directory.Build.props"));
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), Import("Directory.Build.targets"));
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), Import("Directory.Packages.props"));
        File.WriteAllText(Path.Combine(folder, "LibraryApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <CourseNeedsBackend>true</CourseNeedsBackend>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{RepoPaths.Project("Course")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Program);
    }

    private static (int ExitCode, string Output, string Error) Dotnet(string folder, TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return ExternalTool.Run(start, limit);
    }
}

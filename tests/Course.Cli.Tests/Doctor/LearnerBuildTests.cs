using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Cli.Doctor;

namespace Course.Cli.Tests.Doctor;

/// <summary>What a learner's machine builds and whether `course doctor` agrees with it: platform, warnings, SDK.</summary>
public sealed partial class LearnerBuildTests
{
    private static string CliProject => Repo.File("src", "Course.Cli", "Course.Cli.csproj");

    [Fact]
    public void This_machine_builds_and_carries_its_own_platforms_libtorch_only()
    {
        Assert.Equal(LibTorchPlatforms.Current, MsBuildProperty("CourseLibTorchPlatform"));
        Assert.Equal("true", MsBuildProperty("CourseLibTorchSupported"));

        // The test's own output folder is a build of the course: one libtorch, this platform's.
        var withLibTorch = Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "runtimes"))
            .Where(d => Directory.Exists(Path.Combine(d, "native")) && Directory.EnumerateFiles(Path.Combine(d, "native"), "*torch_cpu*").Any())
            .Select(d => Path.GetFileName(d)!);
        Assert.Equal([LibTorchPlatforms.Current], withLibTorch);
    }

    [Theory]
    [InlineData("cpu", "libtorch-cpu-linux-x64", "TorchSharp-cuda-linux")]
    [InlineData("cuda", "TorchSharp-cuda-linux", "libtorch-cpu-linux-x64")]
    public void Each_backend_references_its_own_native_package_and_not_the_other(string backend, string expected, string absent)
    {
        var (exit, output) = Run("dotnet", ["msbuild", CliProject, "-getItem:PackageReference", "-p:CourseLibTorchPlatform=linux-x64"], ("COURSE_BACKEND", backend));
        Assert.True(exit == 0, output);
        using var items = JsonDocument.Parse(output);
        var references = items.RootElement.GetProperty("Items").GetProperty("PackageReference")
            .EnumerateArray().Select(i => i.GetProperty("Identity").GetString()).ToList();
        Assert.Contains(expected, references);
        Assert.DoesNotContain(absent, references);
        Assert.DoesNotContain("TorchSharp-cpu", references);
    }

    [Fact]
    public void The_build_and_the_doctor_know_the_same_supported_platforms()
    {
        string targets = File.ReadAllText(Repo.File("Directory.Build.targets"));
        var line = targets.Split('\n').Single(l => l.Contains("<CourseLibTorchSupported", StringComparison.Ordinal));
        var inBuild = SupportedCondition().Matches(line).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(LibTorchPlatforms.Supported, inBuild);
        foreach (var platform in LibTorchPlatforms.Supported)
            Assert.Contains($"<PackageVersion Include=\"libtorch-cpu-{platform}\" Version=\"2.10.0\" />", File.ReadAllText(Repo.File("Directory.Packages.props")));
    }

    [Fact]
    public void An_unsupported_platform_builds_without_libtorch_and_warns_with_the_supported_ones()
    {
        var (exit, output) = Run("dotnet", ["msbuild", CliProject, "-t:CollectPackageReferences", "-p:RuntimeIdentifier=linux-arm64", "-nologo"]);
        Assert.True(exit == 0, output);
        Assert.Contains("warning COURSE001", output);
        Assert.Contains("no CPU build for 'linux-arm64'", output);
        Assert.Contains("linux-x64, win-x64 and osx-arm64", output);
    }

    [Theory]
    [InlineData("linux", Architecture.X64, Architecture.X64, Verdict.Ok, "linux-x64")]
    [InlineData("win", Architecture.X64, Architecture.X64, Verdict.Ok, "win-x64")]
    [InlineData("osx", Architecture.Arm64, Architecture.Arm64, Verdict.Ok, "osx-arm64")]
    [InlineData("osx", Architecture.X64, Architecture.X64, Verdict.Fail, "Intel Macs")]
    [InlineData("osx", Architecture.X64, Architecture.Arm64, Verdict.Fail, "Rosetta")]
    [InlineData("win", Architecture.Arm64, Architecture.Arm64, Verdict.Fail, "Windows on ARM")]
    [InlineData("linux", Architecture.Arm64, Architecture.Arm64, Verdict.Fail, "Apple-silicon Mac")]
    [InlineData("linux", Architecture.X86, Architecture.X64, Verdict.Fail, "Linux or Windows x64")]
    public void Doctor_names_the_platform_and_what_to_do_where_libtorch_does_not_exist(string os, Architecture process, Architecture machine, Verdict verdict, string expected)
    {
        var outcome = LibTorchPlatforms.Check(os, process, machine);
        Assert.Equal(verdict, outcome.Verdict);
        Assert.Contains(expected, outcome.Detail + " " + outcome.Fix);
        Assert.Contains("linux-x64, win-x64, osx-arm64", outcome.Detail);
        Assert.Equal(verdict == Verdict.Fail, outcome.Fix is not null);
    }

    [Fact]
    public void Doctor_passes_the_platform_check_on_this_machine() =>
        Assert.Equal(Verdict.Ok, DoctorChecks.Platform().Verdict);

    [Fact]
    public void Warnings_are_errors_in_CI_only_and_NuGet_audit_warnings_never()
    {
        Assert.NotEqual("true", MsBuildProperty("TreatWarningsAsErrors", ("CI", null)));
        Assert.Equal("true", MsBuildProperty("TreatWarningsAsErrors", ("CI", "true")));
        foreach (var property in new[] { "WarningsNotAsErrors", "MSBuildWarningsNotAsErrors" })
        {
            var codes = MsBuildProperty(property).Split(';', StringSplitOptions.RemoveEmptyEntries);
            foreach (var code in new[] { "NU1900", "NU1901", "NU1902", "NU1903", "NU1904" })
                Assert.Contains(code, codes);
        }
    }

    [Fact]
    public void A_newer_SDK_and_runtime_may_run_the_course_and_doctor_and_docs_say_the_same()
    {
        using var global = JsonDocument.Parse(File.ReadAllText(Repo.File("global.json")));
        var sdk = global.RootElement.GetProperty("sdk");
        Assert.Equal("latestMajor", sdk.GetProperty("rollForward").GetString());
        Assert.Equal(DoctorChecks.RequiredSdkMajor, int.Parse(sdk.GetProperty("version").GetString()!.Split('.')[0]));
        Assert.Equal("Major", MsBuildProperty("RollForward"));
        Assert.Contains($"\"rollForward\": \"Major\"", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Course.Cli.runtimeconfig.json")));
        Assert.Contains($".NET {DoctorChecks.RequiredSdkMajor} SDK or later", File.ReadAllText(Repo.File("README.md")));
        Assert.Contains($"{DoctorChecks.RequiredSdkMajor} or later", File.ReadAllText(Repo.File("docs", "devcontainer.md")));
    }

    private static string MsBuildProperty(string name, params (string Name, string? Value)[] env)
    {
        var (exit, output) = Run("dotnet", ["msbuild", CliProject, $"-getProperty:{name}"], env);
        Assert.True(exit == 0, output);
        return output.Trim();
    }

    private static (int Exit, string Output) Run(string file, string[] args, params (string Name, string? Value)[] env) =>
        ChildProcess.Run(file, args, Repo.Root, env);

    [GeneratedRegex(@"'\$\(CourseLibTorchPlatform\)' == '([^']+)'")]
    private static partial Regex SupportedCondition();
}

using Course.Cli.Doctor;
using Course.Interactive;

namespace Course.Cli.Tests.Doctor;

/// <summary>`course doctor`'s optional .NET Interactive check, on a temporary Jupyter path, home and PATH.</summary>
public sealed class DotNetInteractiveCheckTests : IDisposable
{
    private readonly TempDir temp = new();

    [Fact]
    public void Without_the_kernel_it_is_information_only()
    {
        var outcome = DoctorChecks.DotNetInteractive(Context());
        Assert.Equal(Verdict.Info, outcome.Verdict);
        Assert.Contains("not registered", outcome.Detail);
    }

    [Fact]
    public void A_registered_kernel_without_its_tool_warns_with_the_install_command()
    {
        RegisterKernel();
        var outcome = DoctorChecks.DotNetInteractive(Context());
        Assert.Equal(Verdict.Warn, outcome.Verdict);
        Assert.Contains("not installed", outcome.Detail);
        Assert.Contains($"--version {DotNetInteractive.ToolVersion}", outcome.Fix);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_tested_version_among_the_global_tools_is_ok()
    {
        RegisterKernel();
        FakeTool(Path.Combine(temp.Path, "home", ".dotnet", "tools"), DotNetInteractive.ToolVersion + "+0123abcd");
        var outcome = DoctorChecks.DotNetInteractive(Context());
        Assert.True(outcome.Verdict == Verdict.Ok, outcome.Detail);
        Assert.Contains(DotNetInteractive.ToolVersion, outcome.Detail);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Another_version_on_path_warns_and_names_both()
    {
        RegisterKernel();
        FakeTool(Path.Combine(temp.Path, "bin"), "1.0.611002+feedbeef");
        var outcome = DoctorChecks.DotNetInteractive(Context());
        Assert.Equal(Verdict.Warn, outcome.Verdict);
        Assert.Contains("1.0.611002", outcome.Detail);
        Assert.Contains(DotNetInteractive.ToolVersion, outcome.Detail);
    }

    public void Dispose() => temp.Dispose();

    private DoctorContext Context() => new(name => name switch
    {
        "HOME" => Path.Combine(temp.Path, "home"),
        "JUPYTER_PATH" => Path.Combine(temp.Path, "jupyter"),
        "PATH" => Path.Combine(temp.Path, "bin"),
        _ => null,
    }, []);

    private void RegisterKernel()
    {
        var dir = Directory.CreateDirectory(Path.Combine(temp.Path, "jupyter", "kernels", ".net-csharp")).FullName;
        File.WriteAllText(Path.Combine(dir, "kernel.json"),
            """{"argv": ["dotnet", "interactive", "jupyter", "--default-kernel", "csharp", "{connection_file}"], "display_name": ".NET (C#)", "language": "C#"}""");
    }

    // A stand-in for the tool that answers --version as dotnet-interactive does (version+commit).
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a shell script stands in for the tool
    private static void FakeTool(string folder, string version)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "dotnet-interactive");
        File.WriteAllText(path, $"#!/bin/sh\necho '{version}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}

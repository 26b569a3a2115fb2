using System.Runtime.InteropServices;

namespace Course.Cli.Doctor;

/// <summary>
/// The platforms the course runs on: those TorchSharp 0.107 ships a CPU libtorch for. The build picks the package by
/// the same rule (Directory.Build.targets, CourseLibTorchPlatform); `course doctor` and `course workshop cache` use
/// this list.
/// </summary>
public static class LibTorchPlatforms
{
    /// <summary>Platforms with a libtorch-cpu-&lt;platform&gt; 2.10.0 package.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["linux-x64", "win-x64", "osx-arm64"];

    /// <summary>This process's platform, e.g. "linux-x64": the OS and the architecture of the running .NET.</summary>
    public static string Current => Name(CurrentOs, RuntimeInformation.ProcessArchitecture);

    /// <summary>"linux", "win", "osx" or "other".</summary>
    public static string CurrentOs =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "other";

    /// <summary>The platform name for an OS and a process architecture, in .NET's runtime-identifier spelling.</summary>
    public static string Name(string os, Architecture process) => $"{os}-{process.ToString().ToLowerInvariant()}";

    /// <summary>
    /// Whether the course can train on <paramref name="os"/> with a .NET process of <paramref name="process"/>
    /// architecture on a machine of <paramref name="machine"/> architecture, and what to do when it cannot.
    /// </summary>
    public static CheckOutcome Check(string os, Architecture process, Architecture machine)
    {
        const string name = "platform";
        string platform = Name(os, process);
        string supported = $"libtorch exists for {string.Join(", ", Supported)}";
        if (Supported.Contains(platform))
            return new(name, Verdict.Ok, $"{platform}: {supported}");
        string fix = (os, process, machine) switch
        {
            ("osx", Architecture.X64, Architecture.Arm64) =>
                "This is an x64 .NET running under Rosetta on an Apple-silicon Mac. Install the Arm64 .NET SDK " +
                "(osx-arm64 is supported), then build again.",
            ("osx", Architecture.X64, _) =>
                "Intel Macs have no libtorch 2.10 build. Use a GitHub Codespace (docs/devcontainer.md) or a Linux or Windows x64 machine.",
            ("win", Architecture.Arm64, _) =>
                "Windows on ARM has no libtorch build. Use a GitHub Codespace, or install the x64 .NET SDK, which Windows 11 " +
                "runs emulated (slow; not tried by the course's maintainers).",
            ("linux", Architecture.Arm64, _) =>
                "Linux arm64 has no libtorch build. In a devcontainer on an Apple-silicon Mac (Docker builds arm64 images " +
                "there), run the course on the Mac itself instead (osx-arm64 is supported) or use a GitHub Codespace.",
            _ => "Use a Linux or Windows x64 machine, an Apple-silicon Mac, or a GitHub Codespace.",
        };
        return new(name, Verdict.Fail, $"{platform}: not supported; {supported}", fix);
    }
}

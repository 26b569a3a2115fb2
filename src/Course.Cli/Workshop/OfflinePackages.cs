using System.Diagnostics;
using Course.Cli.Doctor;
using Course.Platform;

namespace Course.Cli.Workshop;

/// <summary>What <see cref="OfflinePackages.Write"/> put in the folder.</summary>
/// <param name="Directory">The package folder (a NuGet local feed with its own NuGet.config).</param>
/// <param name="Packages">"id version" of every package in it, sorted.</param>
/// <param name="Bytes">Total size of the .nupkg files.</param>
public sealed record OfflinePackagesResult(string Directory, IReadOnlyList<string> Packages, long Bytes);

/// <summary>
/// A folder of every NuGet package the course's build restores, for the platforms asked for: a teacher makes it
/// where NuGet is reachable and hands it out on a USB stick; learners restore from it with no internet
/// (`dotnet restore Course.sln --configfile STICK/NuGet.config`, see docs/workshop.md).
/// </summary>
/// <remarks>
/// The packages are found by NuGet itself: the course's project files (and only those) are copied to a scratch
/// folder and restored once per platform into an empty package folder, so the list cannot drift from what a build
/// needs and the teacher's checkout (its obj/ folders) is not touched. Packages already in the teacher's NuGet cache
/// are taken from there instead of downloaded again.
/// </remarks>
public static class OfflinePackages
{
    /// <summary>The file that marks a folder as one of ours, so a second run may add to it.</summary>
    public const string ConfigFileName = "NuGet.config";

    /// <summary>How long one platform's restore may take (a first download of libtorch on slow Wi-Fi).</summary>
    public static TimeSpan RestoreTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>Parses "--platform linux-x64,win-x64"; null or empty means every supported platform.</summary>
    public static IReadOnlyList<string> ParsePlatforms(string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return LibTorchPlatforms.Supported;
        var asked = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = asked.Where(p => !LibTorchPlatforms.Supported.Contains(p)).ToList();
        if (unknown.Count > 0)
            throw new WorkshopException(
                $"No libtorch for {string.Join(", ", unknown)}: the course runs on {string.Join(", ", LibTorchPlatforms.Supported)} " +
                "(Intel macOS, Windows on ARM and Linux arm64 have no libtorch build in TorchSharp 0.107). " +
                $"Pass --platform with some of {string.Join(",", LibTorchPlatforms.Supported)}.");
        return asked;
    }

    /// <summary>
    /// Restores the course in <paramref name="repositoryRoot"/> for each of <paramref name="platforms"/> and writes
    /// every package to <paramref name="outputDirectory"/> (NuGet's id/version layout) with a NuGet.config that makes
    /// the folder the only package source. A folder written before is added to; any other non-empty folder is refused.
    /// </summary>
    public static OfflinePackagesResult Write(string repositoryRoot, string outputDirectory, IReadOnlyList<string> platforms, Action<string> progress)
    {
        if (!File.Exists(Path.Combine(repositoryRoot, "Course.sln")))
            throw new WorkshopException($"{repositoryRoot} is not the course's folder (no Course.sln). Run this from the course root.");
        string output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, ConfigFileName)))
            throw new WorkshopException($"{output} already holds other files; give an empty or new folder (nothing was written).");

        var scratch = Directory.CreateTempSubdirectory("course-offline-").FullName;
        try
        {
            string projects = CopyProjectFiles(repositoryRoot, Path.Combine(scratch, "course"));
            string packages = Path.Combine(scratch, "packages");
            string? teacherCache = GlobalPackagesFolder();
            foreach (var platform in platforms)
            {
                progress($"Restoring the course for {platform}…");
                Restore(projects, packages, platform, teacherCache);
            }
            Directory.CreateDirectory(output);
            var written = CopyPackages(packages, output);
            File.WriteAllText(Path.Combine(output, ConfigFileName), Config);
            File.WriteAllText(Path.Combine(output, "README.txt"), Readme(platforms));
            return new OfflinePackagesResult(output, written.Select(p => p.Name).Order(StringComparer.Ordinal).ToList(), written.Sum(p => p.Bytes));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    // Only what restore reads: the solution, the project files and the repository-wide MSBuild/NuGet settings.
    private static string CopyProjectFiles(string root, string target)
    {
        var files = new[] { "Course.sln", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config" }
            .Select(f => Path.Combine(root, f)).Where(File.Exists)
            .Concat(new[] { "src", "tests", "bench" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.csproj", SearchOption.AllDirectories)));
        foreach (var file in files)
        {
            string copy = Path.Combine(target, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return Path.Combine(target, "Course.sln");
    }

    private static void Restore(string solution, string packages, string platform, string? teacherCache)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(solution)! };
        foreach (var arg in new[] { "restore", solution, "--packages", packages, "--nologo", "-v", "quiet",
                     $"-p:CourseLibTorchPlatform={platform}", "-p:CourseBackend=cpu", "-p:NuGetAudit=false" })
            start.ArgumentList.Add(arg);
        if (teacherCache is not null) start.ArgumentList.Add($"-p:RestoreAdditionalProjectSources={teacherCache}");
        start.Environment.Remove("COURSE_BACKEND");
        var (exit, stdout, stderr) = ExternalTool.Run(start, RestoreTimeout);
        if (exit != 0)
        {
            var problems = (stdout + stderr).Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Select(l => l.Trim()).Distinct().Take(8);
            throw new WorkshopException(
                $"Restoring the course for {platform} failed, so no package folder was written. Run this where NuGet " +
                $"(nuget.org or your feed) is reachable. NuGet said:\n{string.Join('\n', problems)}");
        }
    }

    private static string? GlobalPackagesFolder()
    {
        // "global-packages: /home/ada/.nuget/packages/"
        var line = ExternalTool.Run("dotnet", "nuget locals global-packages --list", TimeSpan.FromMinutes(1))?.Trim();
        var folder = line?.Split(": ", 2) is [_, var path] ? path.Trim() : null;
        return folder is not null && Directory.Exists(folder) ? folder : null;
    }

    // NuGet's local feed layout (the one `nuget add` writes): id/version/{id.version.nupkg, .sha512, id.nuspec}.
    private static List<(string Name, long Bytes)> CopyPackages(string packages, string output)
    {
        var written = new List<(string, long)>();
        foreach (var versionDir in Directory.EnumerateDirectories(packages).SelectMany(Directory.EnumerateDirectories))
        {
            string id = Path.GetFileName(Path.GetDirectoryName(versionDir))!, version = Path.GetFileName(versionDir);
            string nupkg = Path.Combine(versionDir, $"{id}.{version}.nupkg");
            if (!File.Exists(nupkg)) continue; // a folder NuGet left half-written would fail the learner's restore
            string target = Directory.CreateDirectory(Path.Combine(output, id, version)).FullName;
            foreach (var file in new[] { nupkg, nupkg + ".sha512", Path.Combine(versionDir, id + ".nuspec") }.Where(File.Exists))
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            written.Add(($"{id} {version}", new FileInfo(nupkg).Length));
        }
        return written;
    }

    // "." is this folder: NuGet resolves relative sources against the config file's own folder, so the config works
    // from wherever the stick is mounted.
    private const string Config = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Written by `course workshop cache`: this folder is the only package source. How to use it: README.txt
             beside this file. (XML comments cannot hold a double hyphen, so the command is not repeated here.) -->
        <configuration>
          <packageSources>
            <clear />
            <add key="course-offline" value="." />
          </packageSources>
          <auditSources>
            <clear />
          </auditSources>
        </configuration>
        """;

    private static string Readme(IReadOnlyList<string> platforms) => $"""
        The course's NuGet packages, for {string.Join(", ", platforms)}. Written by `course workshop cache`.

        On a learner's laptop, in the course folder (no internet needed):
            dotnet restore Course.sln --configfile <this folder>/NuGet.config
        then, as usual:
            ./course doctor          (course.cmd doctor on Windows)

        Details: docs/workshop.md in the course, section "A room without internet".

        """;
}

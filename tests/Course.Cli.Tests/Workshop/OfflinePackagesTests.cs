using System.Net;
using System.Net.Sockets;
using System.Text;
using Course.Cli.Doctor;
using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;
using Course.Cli.Workshop;

namespace Course.Cli.Tests.Workshop;

/// <summary>
/// A room without internet: `course workshop cache` writes a package folder, and a learner's copy of the course
/// builds from it alone, with an empty NuGet cache, nuget.org unreachable and an audit feed that reports an
/// advisory against a package the course uses.
/// </summary>
[Collection(CourseBuildCollection.Name)]
public sealed class OfflinePackagesTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_learner_builds_the_course_from_the_offline_folder_alone_and_an_audit_advisory_does_not_break_it()
    {
        string platform = LibTorchPlatforms.Current;
        Assert.Contains(platform, LibTorchPlatforms.Supported); // CI runs on linux-x64; the course cannot train elsewhere
        string stick = Path.Combine(dir.Path, "stick");

        var result = OfflinePackages.Write(Repo.Root, stick, [platform], _ => { });

        Assert.Contains($"libtorch-cpu-{platform} 2.10.0", result.Packages);
        Assert.DoesNotContain(result.Packages, p => p.StartsWith("libtorch-cpu-", StringComparison.Ordinal) && !p.StartsWith($"libtorch-cpu-{platform} ", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Packages, p => p.StartsWith("torchsharp-cpu ", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(stick, OfflinePackages.ConfigFileName)));

        string course = CopyCourse(Path.Combine(dir.Path, "course"));
        var env = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(dir.Path, "empty-cache"),
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(dir.Path, "http-cache"),
            ["CI"] = null, // a learner's laptop, not CI
            ["COURSE_BACKEND"] = null,
        };

        // The README's laptop path: restore from the stick, nothing else.
        var restore = Dotnet(course, env, "restore", "Course.sln", "--configfile", Path.Combine(stick, OfflinePackages.ConfigFileName));
        Assert.True(restore.Exit == 0, restore.Output);

        // Later builds in the room: nuget.org unreachable, and an audit feed with a critical advisory for Markdig.
        using var advisories = new AdvisoryFeed("markdig");
        File.WriteAllText(Path.Combine(course, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="unreachable" value="http://127.0.0.1:9/v3/index.json" allowInsecureConnections="true" />
              </packageSources>
              <auditSources>
                <clear />
                <add key="advisories" value="{advisories.Index}" allowInsecureConnections="true" />
              </auditSources>
            </configuration>
            """);
        var build = Dotnet(course, env, "build", "src/Course.Cli/Course.Cli.csproj", "-c", "Release", "-nologo", "-v", "quiet");
        Assert.True(build.Exit == 0, build.Output);
        Assert.Contains("warning NU1904: Package 'Markdig'", build.Output);

        // One platform's libtorch in bin/, and in the learner's NuGet cache.
        string bin = Path.Combine(course, "src", "Course.Cli", "bin", "Release", "net10.0");
        string[] withLibTorch = Directory.GetDirectories(Path.Combine(bin, "runtimes"))
            .Where(d => Directory.Exists(Path.Combine(d, "native")) &&
                        Directory.EnumerateFiles(Path.Combine(d, "native"), "*torch_cpu*").Any())
            .Select(d => Path.GetFileName(d)!).ToArray();
        Assert.Equal([platform], withLibTorch);
        Assert.Equal([$"libtorch-cpu-{platform}"],
            Directory.GetDirectories(env["NUGET_PACKAGES"]!, "libtorch-cpu-*").Select(d => Path.GetFileName(d)!).ToArray());

        // A developer's or CI's build (warnings as errors) shows the advisory without failing on it either.
        var strict = Dotnet(course, env, "restore", "src/Course.Cli/Course.Cli.csproj", "--force", "-warnaserror");
        Assert.True(strict.Exit == 0, strict.Output);
        Assert.Contains("warning NU1904", strict.Output);
    }

    [Fact]
    public void An_unsupported_platform_is_refused_with_the_supported_ones_and_nothing_is_written()
    {
        string stick = Path.Combine(dir.Path, "stick");
        var (exit, output) = CourseProcess.Run(Repo.Root, "workshop", "cache", stick, "--platform", "linux-x64,osx-x64");
        Assert.Equal(2, exit);
        Assert.Contains("No libtorch for osx-x64", output);
        Assert.Contains("linux-x64,win-x64,osx-arm64", output);
        Assert.False(Directory.Exists(stick));
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_and_left_as_it_was()
    {
        string folder = Directory.CreateDirectory(Path.Combine(dir.Path, "photos")).FullName;
        File.WriteAllText(Path.Combine(folder, "holiday.jpg"), "not a package");
        var e = Assert.Throws<WorkshopException>(() => OfflinePackages.Write(Repo.Root, folder, ["linux-x64"], _ => { }));
        Assert.Contains("already holds other files", e.Message);
        Assert.Equal(["holiday.jpg"], Directory.GetFileSystemEntries(folder).Select(d => Path.GetFileName(d)!).ToArray());
    }

    [Theory]
    [InlineData(null, "linux-x64,win-x64,osx-arm64")]
    [InlineData("", "linux-x64,win-x64,osx-arm64")]
    [InlineData(" win-x64 , linux-x64,win-x64", "win-x64,linux-x64")]
    public void Platform_lists_default_to_all_supported_and_are_trimmed_and_deduplicated(string? list, string expected) =>
        Assert.Equal(expected, string.Join(",", OfflinePackages.ParsePlatforms(list)));

    // The sources a build reads (no bin/obj), and the test and bench project files so Course.sln restores.
    private static string CopyCourse(string target)
    {
        var files = new[] { "Course.sln", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json" }
            .Select(f => Repo.File(f))
            .Concat(Directory.EnumerateFiles(Repo.File("src"), "*", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
            .Concat(new[] { "tests", "bench" }.SelectMany(d => Directory.EnumerateFiles(Repo.File(d), "*.csproj", SearchOption.AllDirectories)));
        foreach (var file in files)
        {
            string copy = Path.Combine(target, Path.GetRelativePath(Repo.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static (int Exit, string Output) Dotnet(string directory, Dictionary<string, string?> env, params string[] args) =>
        ChildProcess.Run("dotnet", args, directory, env.Select(e => (e.Key, e.Value)).ToArray());

    /// <summary>
    /// A NuGet audit source on 127.0.0.1 (NuGet's VulnerabilityInfo resource) that reports a critical advisory for
    /// every version of one package: what a newly published advisory looks like to a learner's restore.
    /// </summary>
    private sealed class AdvisoryFeed : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly string root;
        private readonly string package;

        public AdvisoryFeed(string package)
        {
            this.package = package;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            root = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(root);
            listener.Start();
            _ = Task.Run(Serve);
        }

        public string Index => root + "index.json";

        private async Task Serve()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                string? body = context.Request.Url!.AbsolutePath switch
                {
                    "/index.json" => $$"""{"version":"3.0.0","resources":[{"@id":"{{root}}vulnerabilities/index.json","@type":"VulnerabilityInfo/6.7.0"}]}""",
                    "/vulnerabilities/index.json" => $$"""[{"@name":"base","@id":"{{root}}vulnerabilities/base.json","@updated":"2026-11-29T00:00:00Z"}]""",
                    "/vulnerabilities/base.json" => $$"""{"{{package}}":[{"url":"https://example.invalid/advisory","severity":3,"versions":"[0.0.0, 999.0.0)"}]}""",
                    _ => null,
                };
                context.Response.StatusCode = body is null ? 404 : 200;
                byte[] bytes = Encoding.UTF8.GetBytes(body ?? "");
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}

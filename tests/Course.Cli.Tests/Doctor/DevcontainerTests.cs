using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Cli.Tests.Running;

namespace Course.Cli.Tests.Doctor;

public class DevcontainerTests
{
    public static TheoryData<string> Configs => new() { ".devcontainer/devcontainer.json", ".devcontainer/gpu/devcontainer.json" };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Config_parses_as_jsonc_and_every_file_it_references_exists(string config)
    {
        using var doc = ParseJsonc(Repo.File(config));
        var root = doc.RootElement;
        string configDir = Path.GetDirectoryName(Repo.File(config))!;

        string dockerfile = Path.GetFullPath(Path.Combine(configDir, root.GetProperty("build").GetProperty("dockerfile").GetString()!));
        Assert.True(File.Exists(dockerfile), dockerfile);
        Assert.Equal(Repo.File(".devcontainer", "Dockerfile"), dockerfile);

        // postCreateCommand runs in the workspace folder (the repository root).
        string postCreate = root.GetProperty("postCreateCommand").GetString()!;
        var script = Regex.Match(postCreate, @"^bash (\S+)$");
        Assert.True(script.Success, postCreate);
        Assert.True(File.Exists(Repo.File(script.Groups[1].Value)), script.Groups[1].Value);

        var extensions = root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("ms-toolsai.jupyter", extensions);
        Assert.Contains("ms-dotnettools.csdevkit", extensions);
    }

    [Fact]
    public void Default_config_runs_on_any_host_and_lets_builds_choose_the_backend()
    {
        using var doc = ParseJsonc(Repo.File(".devcontainer", "devcontainer.json"));
        var root = doc.RootElement;
        Assert.Equal("optional", root.GetProperty("hostRequirements").GetProperty("gpu").GetString());
        Assert.False(root.TryGetProperty("runArgs", out _), "--gpus=all in runArgs stops the container on hosts without the NVIDIA runtime");
        Assert.Equal("auto", root.GetProperty("containerEnv").GetProperty("COURSE_BACKEND").GetString());
    }

    [Fact]
    public void Gpu_config_attaches_all_gpus_and_builds_the_cuda_backend()
    {
        using var doc = ParseJsonc(Repo.File(".devcontainer", "gpu", "devcontainer.json"));
        var root = doc.RootElement;
        Assert.Contains("--gpus=all", root.GetProperty("runArgs").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("cuda", root.GetProperty("containerEnv").GetProperty("COURSE_BACKEND").GetString());
        Assert.True(root.GetProperty("hostRequirements").GetProperty("gpu").GetBoolean());
    }

    [Fact]
    public void Dockerfile_base_image_matches_the_documented_cuda_version_and_ubuntu()
    {
        string doc = File.ReadAllText(Repo.File("docs", "devcontainer.md"));
        var documented = Regex.Match(doc, @"CUDA version: \*\*(\d+\.\d+)\*\*");
        Assert.True(documented.Success, "docs/devcontainer.md must state 'CUDA version: **X.Y**'");

        var from = Regex.Matches(File.ReadAllText(Repo.File(".devcontainer", "Dockerfile")), @"^FROM\s+(\S+)", RegexOptions.Multiline);
        var image = Assert.Single(from).Groups[1].Value;
        var tag = Regex.Match(image, @"^nvidia/cuda:(\d+\.\d+)\.\d+-(base|runtime|cudnn-runtime)-ubuntu(\d+\.\d+)$");
        Assert.True(tag.Success, image);
        Assert.Equal(documented.Groups[1].Value, tag.Groups[1].Value);
        Assert.Contains($"`{image}`", doc);
    }

    [Fact]
    public void Documented_cuda_version_belongs_to_the_pinned_torchsharp_version()
    {
        // The CUDA choice was read from TorchSharp 0.107's build files; a TorchSharp upgrade must revisit it.
        string packages = File.ReadAllText(Repo.File("Directory.Packages.props"));
        Assert.Contains("<PackageVersion Include=\"TorchSharp-cuda-linux\" Version=\"0.107.0\" />", packages);
        Assert.Contains("TorchSharp 0.107", File.ReadAllText(Repo.File("docs", "devcontainer.md")));
    }

    [Fact]
    public void Post_create_script_passes_bash_syntax_check_and_is_executable()
    {
        string script = Repo.File(".devcontainer", "post-create.sh");
        var (exit, output) = Run("bash", $"-n \"{script}\"");
        Assert.True(exit == 0, output);
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute));
        string text = File.ReadAllText(script);
        Assert.Contains("./course kernel install --user", text);
        Assert.Contains("./course doctor", text);
    }

    [Fact]
    public void Auto_backend_resolves_by_driver_presence_and_unknown_values_are_rejected()
    {
        bool driver = new[] { "/usr/lib/x86_64-linux-gnu/libcuda.so.1", "/usr/lib64/libcuda.so.1", "/usr/lib/wsl/lib/libcuda.so.1" }.Any(File.Exists);
        string project = Repo.File("src", "Course.Cli", "Course.Cli.csproj");

        var (exit, output) = Run("dotnet", $"msbuild \"{project}\" -getProperty:CourseBackend", ("COURSE_BACKEND", "auto"));
        Assert.True(exit == 0, output);
        Assert.Equal(driver ? "cuda" : "cpu", output.Trim());

        (exit, output) = Run("dotnet", $"msbuild \"{project}\" -t:CollectPackageReferences", ("COURSE_BACKEND", "gpu"));
        Assert.NotEqual(0, exit);
        Assert.Contains("COURSE_BACKEND (or the CourseBackend property) is 'gpu'", output);
    }

    private static JsonDocument ParseJsonc(string path) => JsonDocument.Parse(File.ReadAllText(path),
        new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

    private static (int Exit, string Output) Run(string file, string arguments, params (string Name, string Value)[] env)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = Repo.Root };
        foreach (var (name, value) in env) start.Environment[name] = value;
        return CourseProcess.Run(start, TimeSpan.FromMinutes(3));
    }
}

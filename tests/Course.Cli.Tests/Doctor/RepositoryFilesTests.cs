namespace Course.Cli.Tests.Doctor;

/// <summary>Files that decide whether a checkout works on the learner's OS: line endings and the setup script.</summary>
public sealed class RepositoryFilesTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Every_script_with_a_shebang_keeps_LF_endings_in_any_checkout()
    {
        var scripts = Git("ls-files").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => File.Exists(Repo.File(f)) && StartsWithShebang(Repo.File(f))).ToList();
        Assert.Contains("course", scripts);
        Assert.Contains("scripts/setup.sh", scripts);
        Assert.Contains(".devcontainer/lifecycle.sh", scripts);
        var eol = Attributes("eol", scripts);
        Assert.All(scripts, s => Assert.True(eol[s] == "lf", $"{s}: eol is {eol[s]}, so a Windows checkout gives bash CRLF"));
    }

    [Fact]
    public void Windows_launcher_gets_CRLF_and_datasets_stay_binary()
    {
        Assert.Equal("crlf", Attributes("eol", ["course.cmd"])["course.cmd"]);
        var data = Git("ls-files", "datasets").Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(f => f.EndsWith(".gz", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, data.Count);
        var text = Attributes("text", data);
        var diff = Attributes("diff", data);
        Assert.All(data, f => Assert.Equal(("unset", "unset"), (text[f], diff[f])));
    }

    [Theory]
    [InlineData("ID=debian", "", true)]
    [InlineData("ID=ubuntu\nID_LIKE=debian", "", false)]
    [InlineData("ID=linuxmint\nID_LIKE=\"ubuntu debian\"", "", false)]
    [InlineData("ID=debian", "--bench", true)]
    [InlineData("ID=ubuntu\nID_LIKE=debian", "--bench", false)]
    public void Setup_chooses_package_names_by_distribution_and_PyTorch_only_for_the_benchmarks(string osRelease, string option, bool chromiumFromApt)
    {
        var (exit, output) = Setup(osRelease, "--print", option);
        Assert.True(exit == 0, output);
        var packages = output.Trim().Split(' ');
        Assert.Contains("python3-jupyter-client", packages);
        Assert.Contains("dataset-fashion-mnist", packages);
        Assert.Equal(chromiumFromApt, packages.Contains("chromium"));
        Assert.DoesNotContain("chromium-browser", packages); // Ubuntu's snap wrapper: fails in containers
        Assert.Equal(option == "--bench", packages.Contains("python3-torch"));
    }

    [Fact]
    public void Setup_refuses_other_distributions_and_unknown_options_with_a_message()
    {
        var (exit, output) = Setup("ID=fedora", "");
        Assert.Equal(1, exit);
        Assert.Contains("neither Debian nor Ubuntu", output);
        Assert.Contains("python3-nbclient", output);

        (exit, output) = Setup("ID=debian", "--pytorch");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option '--pytorch'", output);
    }

    [Fact]
    public void Only_the_benchmark_command_installs_PyTorch()
    {
        Assert.Contains("scripts/setup.sh --bench", File.ReadAllText(Repo.File("bench", "run.sh")));
        var testScript = File.ReadAllLines(Repo.File("scripts", "test.sh"));
        Assert.Contains(testScript, l => l.Contains("scripts/setup.sh", StringComparison.Ordinal));
        Assert.DoesNotContain(testScript, l => l.Contains("--bench", StringComparison.Ordinal));
    }

    private (int Exit, string Output) Setup(string osRelease, params string[] args)
    {
        string file = Path.Combine(dir.Path, "os-release");
        File.WriteAllText(file, osRelease + "\n");
        string[] arguments = [Repo.File("scripts", "setup.sh"), .. args.Where(a => a.Length > 0)];
        return ChildProcess.Run("bash", arguments, Repo.Root, ("OS_RELEASE", file));
    }

    private static bool StartsWithShebang(string path)
    {
        using var stream = File.OpenRead(path);
        // "#!/usr/bin/env bash"; not "#!csharp", a .dib notebook's cell marker.
        return stream.ReadByte() == '#' && stream.ReadByte() == '!' && stream.ReadByte() == '/';
    }

    // `git check-attr ATTR -- files` prints "file: ATTR: value" per file.
    private static Dictionary<string, string> Attributes(string attribute, IReadOnlyList<string> files) =>
        Git(["check-attr", attribute, "--", .. files]).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": "))
            .ToDictionary(parts => parts[0], parts => parts[2].Trim());

    private static string Git(params string[] args)
    {
        var (exit, output) = ChildProcess.Run("git", args, Repo.Root);
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {output}");
        return output;
    }
}

using System.Text.Json.Nodes;
using Course.Kernel.Spec;

namespace Course.Kernel.Tests;

public sealed class KernelSpecTests
{
    [Fact]
    public void Install_writes_kernel_json_and_logos_and_uninstall_removes_them()
    {
        var kernels = Directory.CreateTempSubdirectory("kernelspec-").FullName;
        try
        {
            var dir = KernelSpec.Install(kernels, "course-csharp", "C# (course)", ["/usr/bin/dotnet", "/abs/Course.Cli.dll", "kernel", "{connection_file}"]);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")))!;
            Assert.Equal("{connection_file}", json["argv"]![3]!.GetValue<string>());
            Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
            Assert.Equal("csharp", json["language"]!.GetValue<string>());
            Assert.True(new FileInfo(Path.Combine(dir, "logo-64x64.png")).Length > 100);
            Assert.True(KernelSpec.Uninstall(kernels, "course-csharp"));
            Assert.False(Directory.Exists(dir));
            Assert.False(KernelSpec.Uninstall(kernels, "course-csharp"));
        }
        finally
        {
            Directory.Delete(kernels, recursive: true);
        }
    }

    [Fact]
    public void Writes_the_kernel_environment_into_kernel_json()
    {
        var kernels = Directory.CreateTempSubdirectory("kernelspec-").FullName;
        try
        {
            var dir = KernelSpec.Install(kernels, KernelInfo.QuickName, KernelInfo.QuickDisplayName, ["dotnet"],
                new Dictionary<string, string> { ["COURSE_QUICK"] = "1" });
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "kernel.json")))!;
            Assert.Equal("1", (string?)json["env"]!["COURSE_QUICK"]);
            Assert.Equal("C# (course, quick)", (string?)json["display_name"]);
            var plain = KernelSpec.Describe(["dotnet"], KernelInfo.DisplayName);
            Assert.Empty(plain["env"]!.AsObject());
        }
        finally
        {
            Directory.Delete(kernels, recursive: true);
        }
    }

    [Fact]
    public void Rejects_names_jupyter_would_not_accept()
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpec.Install(Path.GetTempPath(), "../evil", "x", ["x"]));
        Assert.Contains("not valid", e.Message);
    }
}

public sealed class JupyterDataDirectoryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Jupyter_data_dir_wins()
    {
        Assert.Equal("/data/jupyter", KernelSpec.UserDataDirectory(Env(("JUPYTER_DATA_DIR", "/data/jupyter"), ("HOME", "/home/a"), ("XDG_DATA_HOME", "/x"))));
    }

    [Fact]
    public void Xdg_data_home_comes_before_the_home_default_on_linux()
    {
        Assert.Equal("/x/jupyter", KernelSpec.UserDataDirectory(Env(("HOME", "/home/a"), ("XDG_DATA_HOME", "/x"))));
        Assert.Equal("/home/a/.local/share/jupyter", KernelSpec.UserDataDirectory(Env(("HOME", "/home/a"))));
    }
}

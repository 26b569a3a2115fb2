using System.IO.Compression;
using System.Text.Json;
using Course.Cli.Commands;
using Course.Cli.Doctor;

namespace Course.Cli.Tests.Doctor;

public class DoctorChecksTests
{
    [Fact]
    public void Sdk_torchsharp_threads_cuda_and_datasets_pass_on_this_cpu_machine()
    {
        Assert.Equal(Verdict.Ok, DoctorChecks.DotNetSdk().Verdict);

        var torch = DoctorChecks.TorchSharpLoads();
        Assert.Equal(Verdict.Ok, torch.Verdict);
        Assert.Contains("0.107.0", torch.Detail);
        Assert.Contains("(cpu)", torch.Detail);
        Assert.Contains("libstdc++ workaround", torch.Detail);

        Assert.Equal(Verdict.Ok, DoctorChecks.CpuThreads().Verdict);

        var cuda = Assert.Single(DoctorChecks.Cuda());
        Assert.Equal(Verdict.Info, cuda.Verdict);
        Assert.Contains("CPU only", cuda.Detail);

        var data = Assert.Single(DoctorChecks.Datasets(DoctorContext.Current));
        Assert.Equal(Verdict.Ok, data.Verdict);
        Assert.Contains("4 files", data.Detail);
    }

    [Fact]
    public void Matmul_measures_a_positive_speed_on_the_cpu()
    {
        var cpu = Assert.Single(DoctorChecks.Matmul());
        Assert.Equal("matmul cpu", cpu.Check);
        Assert.Equal(Verdict.Ok, cpu.Verdict);
        var gflops = double.Parse(System.Text.RegularExpressions.Regex.Match(cpu.Detail, @"([\d.]+) GFLOP/s").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(gflops > 0, cpu.Detail);
    }

    [Fact]
    public void A_flipped_byte_in_a_dataset_copy_fails_with_a_fix_and_a_nonzero_exit()
    {
        using var temp = new TempDir();
        string mnist = Directory.CreateDirectory(Path.Combine(temp.Path, "mnist")).FullName;
        foreach (var gz in Directory.GetFiles(Repo.File("datasets", "mnist"), "*.gz"))
            if (!gz.Contains("t10k-labels")) File.Copy(gz, Path.Combine(mnist, Path.GetFileName(gz)));
        // The test labels as a raw (uncompressed) file with one label byte changed: only the checksum can catch it.
        byte[] labels = Gunzip(Repo.File("datasets", "mnist", "t10k-labels-idx1-ubyte.gz"));
        labels[100] ^= 0x01;
        File.WriteAllBytes(Path.Combine(mnist, "t10k-labels-idx1-ubyte"), labels);
        var context = With(DoctorContext.Current, ("COURSE_DATASETS", temp.Path));

        var outcome = Assert.Single(DoctorChecks.Datasets(context));
        Assert.Equal(Verdict.Fail, outcome.Verdict);
        Assert.Contains("t10k-labels-idx1-ubyte: corrupt", outcome.Detail);
        Assert.Contains("git checkout -- datasets/mnist", outcome.Fix);

        var output = new StringWriter();
        int exit = DoctorCommand.Run(context, json: true, output);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output.ToString());
        Assert.Equal(1, doc.RootElement.GetProperty("exitCode").GetInt32());
        var datasets = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "datasets");
        Assert.Equal("fail", datasets.GetProperty("verdict").GetString());
    }

    [Fact]
    public void A_missing_dataset_file_fails_and_names_it()
    {
        using var temp = new TempDir();
        string mnist = Directory.CreateDirectory(Path.Combine(temp.Path, "mnist")).FullName;
        File.Copy(Repo.File("datasets", "mnist", "t10k-labels-idx1-ubyte.gz"), Path.Combine(mnist, "t10k-labels-idx1-ubyte.gz"));

        var outcomes = DoctorChecks.Datasets(With(DoctorContext.Current, ("COURSE_DATASETS", temp.Path))).ToList();

        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(Verdict.Fail, o.Verdict));
        Assert.Contains(outcomes, o => o.Detail == "MNIST train-images-idx3-ubyte: missing");
    }

    [Fact]
    public void A_missing_kernelspec_warns_with_the_install_command_without_failing()
    {
        using var temp = new TempDir();
        var context = Isolated(temp.Path);

        var outcome = DoctorChecks.Kernel(context);

        Assert.Equal(Verdict.Warn, outcome.Verdict);
        Assert.Contains(Path.Combine(temp.Path, "home", ".local", "share", "jupyter", "kernels"), outcome.Detail);
        Assert.Contains("./course kernel install --user", outcome.Fix);
        Assert.Equal(0, DoctorCommand.ExitCode(new[] { outcome }));
    }

    [Fact]
    public void A_kernelspec_on_JUPYTER_PATH_that_launches_an_existing_program_is_ok()
    {
        using var temp = new TempDir();
        string spec = WriteKernelSpec(Path.Combine(temp.Path, "extra"), program: "/bin/sh");
        var outcome = DoctorChecks.Kernel(Isolated(temp.Path));
        Assert.Equal(Verdict.Ok, outcome.Verdict);
        Assert.Contains(spec, outcome.Detail);
    }

    [Fact]
    public void A_kernelspec_pointing_at_a_deleted_program_warns()
    {
        using var temp = new TempDir();
        WriteKernelSpec(Path.Combine(temp.Path, "home", ".local", "share", "jupyter"), program: Path.Combine(temp.Path, "gone", "Course.Kernel"));
        var outcome = DoctorChecks.Kernel(Isolated(temp.Path));
        Assert.Equal(Verdict.Warn, outcome.Verdict);
        Assert.Contains("does not exist", outcome.Detail);
    }

    [Fact]
    public void Jupyter_on_path_is_information_only()
    {
        using var temp = new TempDir();
        Assert.Equal(Verdict.Info, DoctorChecks.JupyterOnPath(Isolated(temp.Path)).Verdict);
        Assert.Contains("not found", DoctorChecks.JupyterOnPath(Isolated(temp.Path)).Detail);
    }

    [Fact]
    public void Only_fail_verdicts_make_the_exit_code_nonzero()
    {
        CheckOutcome Of(Verdict v) => new("x", v, "d");
        Assert.Equal(0, DoctorCommand.ExitCode(new[] { Of(Verdict.Ok), Of(Verdict.Info), Of(Verdict.Warn) }));
        Assert.Equal(1, DoctorCommand.ExitCode(new[] { Of(Verdict.Ok), Of(Verdict.Fail) }));
    }

    [Fact]
    public void The_table_output_shows_every_check_with_its_verdict()
    {
        var output = new StringWriter();
        int exit = DoctorCommand.Run(DoctorContext.Current, json: false, output);
        string text = output.ToString();
        Assert.Equal(0, exit);
        foreach (var name in new[] { ".NET SDK", "platform", "TorchSharp", "CPU threads", "CUDA", "matmul cpu", "datasets", "Jupyter kernel" })
            Assert.Contains(name, text);
        Assert.Contains("Ready:", text);
    }

    /// <summary>A context whose HOME, JUPYTER_PATH and PATH point into <paramref name="root"/> and has no system folders.</summary>
    private static DoctorContext Isolated(string root) => new DoctorContext(
        name => name switch
        {
            "HOME" => Path.Combine(root, "home"),
            "JUPYTER_PATH" => Path.Combine(root, "extra"),
            "PATH" => Path.Combine(root, "bin"),
            _ => null,
        },
        Array.Empty<string>());

    private static DoctorContext With(DoctorContext context, (string Name, string Value) variable) =>
        context with { Variable = name => name == variable.Name ? variable.Value : context.Variable(name) };

    private static string WriteKernelSpec(string dataDir, string program)
    {
        string dir = Directory.CreateDirectory(Path.Combine(dataDir, "kernels", KernelSpecs.CourseKernel)).FullName;
        string spec = Path.Combine(dir, "kernel.json");
        File.WriteAllText(spec, JsonSerializer.Serialize(new { argv = new[] { program, "{connection_file}" }, display_name = "C#", language = "csharp" }));
        return spec;
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}

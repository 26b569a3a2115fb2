using System.Diagnostics;
using System.Runtime.InteropServices;
using Course.Data;
using Course.Platform;
using TorchSharp;

namespace Course.Cli.Doctor;

/// <summary>Everything `course doctor` checks, in the order it prints them. Tests call these directly.</summary>
public static class DoctorChecks
{
    /// <summary>
    /// The oldest .NET SDK major version that builds the course (net10.0). global.json rolls forward to any later
    /// major, and the executables run on a later runtime (RollForward=Major in Directory.Build.props).
    /// </summary>
    public const int RequiredSdkMajor = 10;

    /// <summary>Side of the square float32 matrices the speed check multiplies.</summary>
    public const int MatmulSize = 1024;

    /// <summary>All checks, in display order.</summary>
    public static IReadOnlyList<DoctorCheck> All { get; } = new[]
    {
        new DoctorCheck(".NET SDK", _ => new[] { DotNetSdk() }),
        new DoctorCheck("platform", _ => new[] { Platform() }),
        new DoctorCheck("TorchSharp", _ => new[] { TorchSharpLoads() }),
        new DoctorCheck("CPU threads", _ => new[] { CpuThreads() }),
        new DoctorCheck("CUDA", _ => Cuda()),
        new DoctorCheck("matmul", _ => Matmul()),
        new DoctorCheck("datasets", Datasets),
        new DoctorCheck("Jupyter kernel", c => new[] { Kernel(c) }),
        new DoctorCheck("jupyter on PATH", c => new[] { JupyterOnPath(c) }),
        new DoctorCheck("VS Code completions", VsCodeCompletions),
        new DoctorCheck(".NET Interactive", c => new[] { DotNetInteractive(c) }),
    };

    /// <summary>Runs every check; a check that throws becomes a fail line rather than ending the run.</summary>
    public static IReadOnlyList<CheckOutcome> RunAll(DoctorContext context) =>
        All.SelectMany(check =>
        {
            try { return check.Run(context).ToList(); }
            catch (Exception e)
            {
                return new List<CheckOutcome> { new(check.Name, Verdict.Fail, $"the check crashed: {e.GetType().Name}: {e.Message}", "Report this output to the course maintainers.") };
            }
        }).ToList();

    /// <summary>`dotnet --version` must report SDK 10 or later.</summary>
    public static CheckOutcome DotNetSdk()
    {
        const string name = ".NET SDK";
        string fix = $"Install the .NET {RequiredSdkMajor} SDK (https://dot.net) or open the course in its devcontainer.";
        string? version = ExternalTool.Run("dotnet", "--version", TimeSpan.FromSeconds(30))?.Trim();
        if (version is null)
            return new(name, Verdict.Fail, "`dotnet --version` did not run (no SDK on PATH)", fix);
        if (!int.TryParse(version.Split('.')[0], out int major) || major < RequiredSdkMajor)
            return new(name, Verdict.Fail, $"SDK {version}; the course needs {RequiredSdkMajor} or later", fix);
        return new(name, Verdict.Ok, $"SDK {version}");
    }

    /// <summary>This machine's OS and CPU architecture have a libtorch build (<see cref="LibTorchPlatforms"/>).</summary>
    public static CheckOutcome Platform() =>
        LibTorchPlatforms.Check(LibTorchPlatforms.CurrentOs, RuntimeInformation.ProcessArchitecture, RuntimeInformation.OSArchitecture);

    /// <summary>TorchSharp's native library loads (with the libstdc++ workaround where needed).</summary>
    public static CheckOutcome TorchSharpLoads()
    {
        const string name = "TorchSharp";
        try
        {
            TorchRuntime.EnsureLoaded();
        }
        catch (TorchLoadException e)
        {
            return new(name, Verdict.Fail, "native library did not load", e.Message);
        }
        var report = EnvironmentReport.Collect();
        string detail = $"{report.TorchSharpVersion}, libtorch {report.LibTorchVersion} ({report.Backend}); libstdc++ workaround: {report.LibStdCxxWorkaround}";
        var compat = TorchRuntime.CompatReport;
        if (compat is { Problems.Count: > 0 })
            return new(name, Verdict.Warn, detail, "Some copies of libLibTorchSharp.so could not be fixed; make them writable for this user, then run `course doctor` again.");
        return new(name, Verdict.Ok, detail);
    }

    /// <summary>How many CPU threads libtorch uses, against the cores this process may use.</summary>
    public static CheckOutcome CpuThreads()
    {
        // Measured against CpuBudget, the rule that chose the count: in a pod the host's core count says nothing.
        int threads = TorchRuntime.Threads;
        var available = CpuBudget.Available();
        string detail = $"libtorch uses {threads} thread(s) ({TorchRuntime.ThreadDecision?.Reason}); the process may use {available.Threads} CPU(s)";
        if (threads > available.Threads)
            return new("CPU threads", Verdict.Warn, detail,
                $"More threads than CPUs slows training down; unset {TorchRuntime.ThreadsVariable} or set it to at most {available.Threads}.");
        return new("CPU threads", Verdict.Ok, detail);
    }

    /// <summary>CUDA devices libtorch can use, with name, memory and capability from nvidia-smi.</summary>
    public static IEnumerable<CheckOutcome> Cuda()
    {
        TorchRuntime.EnsureLoaded();
        var report = EnvironmentReport.Collect();
        if (report.CudaAvailable)
            return report.Rows().Where(r => r.Label.StartsWith("GPU ", StringComparison.Ordinal))
                .Select(r => new CheckOutcome("CUDA", Verdict.Ok, $"{r.Label}: {r.Value}"));
        var gpus = NvidiaSmi.Query();
        if (gpus is { Count: > 0 })
            return new[]
            {
                new CheckOutcome("CUDA", Verdict.Warn,
                    $"nvidia-smi sees {string.Join(", ", gpus.Select(g => g.Name))}, but libtorch's {report.Backend} backend cannot use it",
                    report.Backend == "cuda"
                        ? "The driver may be older than CUDA 12.8 needs (driver 570 or later); update it, then run `course doctor`."
                        : "Build with the CUDA backend: `export COURSE_BACKEND=cuda` (the GPU devcontainer does this), then `dotnet build`."),
            };
        return new[] { new CheckOutcome("CUDA", Verdict.Info, "no CUDA GPU: CPU only (every notebook runs on the CPU)") };
    }

    /// <summary>A timed float32 matrix product on every available device, checked against a direct dot product.</summary>
    public static IEnumerable<CheckOutcome> Matmul()
    {
        TorchRuntime.EnsureLoaded();
        var devices = new List<torch.Device> { torch.CPU };
        if (torch.cuda.is_available())
            devices.AddRange(Enumerable.Range(0, torch.cuda.device_count()).Select(i => torch.device($"cuda:{i}")));
        return devices.Select(MatmulOn).ToList();
    }

    private static CheckOutcome MatmulOn(torch.Device device)
    {
        const int repeats = 5;
        string name = $"matmul {device}";
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(42);
        var a = torch.rand(MatmulSize, MatmulSize, generator: generator).to(device);
        var b = torch.rand(MatmulSize, MatmulSize, generator: generator).to(device);
        Synchronize(device);
        _ = a.matmul(b); // warm-up: kernel selection, thread pool start
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        torch.Tensor c = a;
        for (int i = 0; i < repeats; i++) c = a.matmul(b);
        Synchronize(device);
        double seconds = clock.Elapsed.TotalSeconds;
        double gflops = 2.0 * MatmulSize * MatmulSize * MatmulSize * repeats / seconds / 1e9;

        // A wrong result means a broken backend, whatever the speed.
        double expected = a.select(0, 0).mul(b.select(1, 0)).sum().cpu().item<float>();
        double actual = c[0, 0].cpu().item<float>();
        string detail = $"{MatmulSize}×{MatmulSize} float32: {gflops:F1} GFLOP/s ({seconds / repeats * 1000:F1} ms per product)";
        if (Math.Abs(actual - expected) > 1e-3 * Math.Abs(expected))
            return new(name, Verdict.Fail, $"{detail}, but C[0,0] = {actual} instead of {expected}",
                "The libtorch backend computes wrong results; reinstall it (`dotnet nuget locals global-packages --clear`, then `dotnet restore`).");
        return new(name, Verdict.Ok, detail);
    }

    private static void Synchronize(torch.Device device)
    {
        if (device.type == DeviceType.CUDA) torch.cuda.synchronize(device);
    }

    /// <summary>Every dataset file is present and matches its SHA-256.</summary>
    public static IEnumerable<CheckOutcome> Datasets(DoctorContext context)
    {
        const string name = "datasets";
        string directory;
        try
        {
            directory = context.Variable(DatasetPaths.Variable) is { Length: > 0 } root
                ? Path.Combine(root, "mnist")
                : DatasetPaths.Find("mnist");
        }
        catch (DatasetException e)
        {
            return new[] { new CheckOutcome(name, Verdict.Fail, "datasets/ not found", e.Message) };
        }
        if (!Directory.Exists(directory))
            return new[] { new CheckOutcome(name, Verdict.Fail, $"{directory} does not exist",
                $"Point {DatasetPaths.Variable} at the course's datasets/ folder or unset it.") };
        var files = Mnist.Verify(directory);
        var bad = files.Where(f => !f.Ok).ToList();
        if (bad.Count == 0)
            return new[] { new CheckOutcome(name, Verdict.Ok, $"MNIST: {files.Count} files in {directory}, SHA-256 verified") };
        return bad.Select(f => new CheckOutcome(name, Verdict.Fail, $"MNIST {f.Name}: {(f.Path is null ? "missing" : "corrupt")}", f.Problem)).ToList();
    }

    /// <summary>Our kernelspec is registered where Jupyter and VS Code look, and points at a program that exists.</summary>
    public static CheckOutcome Kernel(DoctorContext context)
    {
        const string name = "Jupyter kernel";
        const string install = "Run `./course kernel install --user` from the repository root.";
        string? spec = KernelSpecs.Find(KernelSpecs.CourseKernel, context);
        if (spec is null)
            return new(name, Verdict.Warn,
                $"kernelspec '{KernelSpecs.CourseKernel}' not found in {string.Join(", ", KernelSpecs.DataDirs(context).Select(d => Path.Combine(d, "kernels")))}",
                install);
        string? program;
        try { program = KernelSpecs.Program(spec); }
        catch (System.Text.Json.JsonException e)
        {
            return new(name, Verdict.Warn, $"{spec} is not valid JSON ({e.Message})", install);
        }
        if (program is null || (Path.IsPathRooted(program) && !File.Exists(program)))
            return new(name, Verdict.Warn, $"{spec} launches {program ?? "nothing"}, which does not exist", install);
        return new(name, Verdict.Ok, $"'{KernelSpecs.CourseKernel}' registered at {spec}");
    }

    /// <summary>Whether a `jupyter` command exists (only for Jupyter in the browser; VS Code does not need it).</summary>
    public static CheckOutcome JupyterOnPath(DoctorContext context)
    {
        string? jupyter = KernelSpecs.FindOnPath("jupyter", context);
        return new("jupyter on PATH", Verdict.Info, jupyter is null
            ? "not found (fine for VS Code; install JupyterLab only to use the browser front end)"
            : $"found at {jupyter}");
    }

    /// <summary>
    /// Whether VS Code's Jupyter extension asks our kernel for completions: each installed variant's user settings
    /// list csharp in jupyter.completionTriggerCharacters. Information only when VS Code is not installed.
    /// </summary>
    public static IEnumerable<CheckOutcome> VsCodeCompletions(DoctorContext context)
    {
        const string name = "VS Code completions";
        const string enable = "Run `./course kernel install --vscode` from the repository root, then reload VS Code's window.";
        foreach (var (product, path) in VsCodeSettings.Files(context.Variable))
        {
            var (state, detail) = VsCodeSettings.Check(path);
            var userFolder = Path.GetDirectoryName(path)!;
            yield return state switch
            {
                TriggerState.Set => new(name, Verdict.Ok, $"{product}: {detail}"),
                TriggerState.Missing when !Directory.Exists(Path.GetDirectoryName(userFolder)) =>
                    new(name, Verdict.Info, $"{product} not found ({Path.GetDirectoryName(userFolder)} does not exist); if you install it later: ./course kernel install --vscode"),
                TriggerState.Missing => new(name, Verdict.Warn, $"{product}: {detail}, so VS Code offers no C# completions from the kernel", enable),
                _ => new(name, Verdict.Warn, $"{product}: {detail}", $"Fix {path} in VS Code (Preferences: Open User Settings (JSON)), then: ./course kernel install --vscode"),
            };
        }
    }

    /// <summary>
    /// Optional: dotnet-interactive's C# kernel, under which the notebooks also run (docs/dotnet-interactive.md), and
    /// whether its tool is the version the course is tested with. Information only when it is not registered.
    /// </summary>
    public static CheckOutcome DotNetInteractive(DoctorContext context)
    {
        const string name = ".NET Interactive";
        const string kernel = ".net-csharp";
        string tested = Course.Interactive.DotNetInteractive.ToolVersion;
        string install = $"dotnet tool install -g Microsoft.dotnet-interactive --version {tested} (or `dotnet tool update -g …`)";
        string? spec = KernelSpecs.Find(kernel, context);
        if (spec is null)
            return new(name, Verdict.Info, $"kernel '{kernel}' not registered (optional: the course's own kernel is the default; docs/dotnet-interactive.md)");
        // `dotnet interactive` (the kernelspec's command) finds the tool on PATH or among the global tools.
        string program = OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive";
        string? tool = KernelSpecs.FindOnPath(program, context)
            ?? (context.Variable(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME") is { Length: > 0 } home
                && File.Exists(Path.Combine(home, ".dotnet", "tools", program)) ? Path.Combine(home, ".dotnet", "tools", program) : null);
        if (tool is null)
            return new(name, Verdict.Warn, $"'{kernel}' is registered at {spec}, but the dotnet-interactive tool it starts is not installed", install);
        string? version = ExternalTool.Run(tool, "--version", TimeSpan.FromSeconds(30))?.Trim().Split('+')[0];
        return version == tested
            ? new(name, Verdict.Ok, $"'{kernel}' registered at {spec}, dotnet-interactive {version}: the notebooks run there too")
            : new(name, Verdict.Warn, $"dotnet-interactive {version ?? "(its --version failed)"} at {tool}; the course is tested with {tested}", install);
    }
}

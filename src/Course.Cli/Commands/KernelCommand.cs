using System.CommandLine;
using System.Diagnostics;
using Course.Cli.Hosting;
using Course.Kernel;
using Course.Kernel.Protocol;
using Course.Kernel.Spec;
using Course.Notebooks.Execution;

namespace Course.Cli.Commands;

/// <summary>
/// `course kernel CONNECTION_FILE` runs the Jupyter kernel (Jupyter starts it, through the kernelspec);
/// `course kernel install|uninstall` registers it with Jupyter, VS Code and JupyterLab.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Argument<FileInfo?>("connection-file") { Description = "The connection file Jupyter passes as {connection_file}.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("kernel", "Run the C# Jupyter kernel, or install/uninstall its kernelspec.") { connectionFile, Install(), Uninstall() };
        command.SetAction(parse => Run(parse.GetValue(connectionFile)));
        return command;
    }

    private static int Run(FileInfo? connectionFile)
    {
        if (connectionFile is null)
        {
            Console.Error.WriteLine("Give the connection file: course kernel CONNECTION_FILE (Jupyter does this through the kernelspec).\n" +
                                    "To register the kernel with Jupyter and VS Code: course kernel install");
            return 2;
        }
        try
        {
            var connection = ConnectionInfo.Load(connectionFile.FullName);
            var kernel = new JupyterKernel(connection, CreateEngine, Console.Error, Banner);
            kernel.Run();
            kernel.Dispose();
        }
        catch (KernelStartException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        // A cell that never checks for interruption may still hold a thread: end the process regardless.
        Environment.Exit(0);
        return 0;
    }

    /// <summary>What front ends show about this kernel: the course, its engine and its library.</summary>
    internal static KernelBanner Banner { get; } = new(
        $"C# {Environment.Version} for the course \"Accuracy vs. Speed\" (Roslyn scripting, TorchSharp)",
        [new("C# documentation", "https://learn.microsoft.com/dotnet/csharp/"), new("TorchSharp", "https://github.com/dotnet/TorchSharp")]);

    // Runs on the kernel's worker thread while the sockets already answer: kernel_info does not wait for Roslyn.
    private static INotebookEngine CreateEngine()
    {
        var engine = CourseEngineFactory.CreateEngine(CourseEngineFactory.Options());
        // No editing warm-up at start. It is safe beside the cells now (the analysis compiles against its own copies of
        // the references), but every kernel would carry the analysis: notebook 01 in quick mode peaked at 780–810 MB with
        // it against 600 MB without, for a first Tab 1.4 s sooner (1.5 s against 2.9 s). The first completion builds it.
        return engine;
    }

    private sealed record Location(Option<bool> User, Option<DirectoryInfo?> Prefix, Option<bool> SysPrefix, Option<string> Name);

    private static Location Where(Command command)
    {
        var where = new Location(
            new Option<bool>("--user") { Description = "Install for the current user (the default): ~/.local/share/jupyter/kernels on Linux." },
            new Option<DirectoryInfo?>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (e.g. a virtual environment)." },
            new Option<bool>("--sys-prefix") { Description = "Install into the Python environment of the `jupyter` on PATH (runs `jupyter kernelspec`)." },
            new Option<string>("--name") { Description = "Kernelspec name.", DefaultValueFactory = _ => KernelInfo.DefaultName });
        command.Options.Add(where.User);
        command.Options.Add(where.Prefix);
        command.Options.Add(where.SysPrefix);
        command.Options.Add(where.Name);
        command.Validators.Add(result =>
        {
            var chosen = (result.GetValue(where.User) ? 1 : 0) + (result.GetValue(where.Prefix) is null ? 0 : 1) + (result.GetValue(where.SysPrefix) ? 1 : 0);
            if (chosen > 1) result.AddError("Choose one of --user, --prefix DIR and --sys-prefix.");
        });
        return where;
    }

    private static Command Install()
    {
        var command = new Command("install", "Register the kernel so Jupyter, VS Code and JupyterLab list \"C# (course)\".");
        var where = Where(command);
        var displayName = new Option<string>("--display-name") { Description = "Name shown in kernel pickers.", DefaultValueFactory = _ => KernelInfo.DisplayName };
        var quick = new Option<bool>("--quick")
        {
            Description = $"Register the quick-mode kernel instead: \"{KernelInfo.QuickDisplayName}\" ({KernelInfo.QuickName}), which sets " +
                          $"{CourseMode.QuickVariable}=1 so notebooks train on less data (a shared hub, a slow laptop).",
        };
        command.Options.Add(displayName);
        command.Options.Add(quick);
        var vscode = new Option<bool>("--vscode") { Description = $"Also turn on C# completions in VS Code's Jupyter extension (adds csharp to {Doctor.VsCodeSettings.Setting} in its user settings)." };
        command.Options.Add(vscode);
        command.SetAction(parse => AndThen(parse.GetValue(vscode), () => Doctor.VsCodeSettings.EnableCompletions(Console.Out, Console.Error, Environment.GetEnvironmentVariable), () =>
        {
            var isQuick = parse.GetValue(quick);
            var name = parse.GetValue(where.Name)!;
            var display = parse.GetValue(displayName)!;
            // --quick changes the defaults only: a name or display name given explicitly is kept.
            if (isQuick && name == KernelInfo.DefaultName) name = KernelInfo.QuickName;
            if (isQuick && display == KernelInfo.DisplayName) display = KernelInfo.QuickDisplayName;
            var environment = isQuick ? new Dictionary<string, string> { [CourseMode.QuickVariable] = "1" } : null;
            var argv = KernelArgv();
            if (parse.GetValue(where.SysPrefix))
            {
                var staging = Directory.CreateTempSubdirectory("course-kernelspec-");
                try
                {
                    var dir = KernelSpec.Install(staging.FullName, name, display, argv, environment);
                    return Jupyter("kernelspec", "install", dir, "--sys-prefix", "--name", name, "--replace");
                }
                finally
                {
                    staging.Delete(recursive: true);
                }
            }
            try
            {
                var installed = KernelSpec.Install(KernelsDirectory(parse.GetValue(where.Prefix)), name, display, argv, environment);
                Console.WriteLine($"Installed kernelspec '{name}' in {installed}");
                Console.WriteLine($"It runs: {string.Join(' ', argv)}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Could not install the kernelspec: {e.Message}");
                return 1;
            }
        }));
        return command;
    }

    // Runs the optional second step only when the first succeeded; the exit code is the first failure's.
    private static int AndThen(bool wanted, Func<int> second, Func<int> first)
    {
        var exit = first();
        return exit != 0 || !wanted ? exit : second();
    }

    private static Command Uninstall()
    {
        var command = new Command("uninstall", "Remove the kernelspec that `course kernel install` wrote.");
        var where = Where(command);
        command.SetAction(parse =>
        {
            var name = parse.GetValue(where.Name)!;
            if (parse.GetValue(where.SysPrefix)) return Jupyter("kernelspec", "remove", "-f", name);
            var directory = KernelsDirectory(parse.GetValue(where.Prefix));
            if (!KernelSpec.Uninstall(directory, name))
            {
                Console.Error.WriteLine($"No kernelspec '{name}' in {directory}; nothing removed. `jupyter kernelspec list` shows where kernels are.");
                return 1;
            }
            Console.WriteLine($"Removed kernelspec '{name}' from {directory}");
            return 0;
        });
        return command;
    }

    private static string KernelsDirectory(DirectoryInfo? prefix) =>
        prefix is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefix.FullName);

    /// <summary>Absolute paths, so the kernel starts from any working directory and without PATH (VS Code).</summary>
    private static string[] KernelArgv() => [DotnetHost(), typeof(KernelCommand).Assembly.Location, "kernel", "{connection_file}"];

    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var dir in new[] { Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "" }
                     .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, exe))) return Path.GetFullPath(Path.Combine(dir, exe));
        return exe;
    }

    private static int Jupyter(params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("jupyter", args) { UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("--sys-prefix needs `jupyter` on PATH (it installs into that Python environment). Use --user or --prefix DIR instead.");
            return 1;
        }
    }
}

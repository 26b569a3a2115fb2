using System.CommandLine;
using Course.Cli.Commands;
using Spectre.Console;

// `course`: one entry point for everything a learner or teacher runs from a terminal.
var root = new RootCommand("Accuracy vs. Speed: the art of training models — a C# course on TorchSharp.")
{
    RunCommand.Create(),
    ExportCommand.Create(),
    DoctorCommand.Create(),
    KernelCommand.Create(),
    TrainMnistCommand.Create(),
    RunWorkerCommand.Create(),
    WorkshopCommand.Create(),
    BookCommand.Create(),
};
// Into a log or a pipe, a message stays one line (Spectre would wrap it at 80 columns): grep and CI logs find it whole.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 10_000;

// No built-in Ctrl-C handling: it ends the process 2 s after the first signal, before `course run` has saved the
// notebooks that ran. Commands that run long handle SIGINT/SIGTERM themselves (StopSignals).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

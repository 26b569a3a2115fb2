using System.CommandLine;
using Course.Cli.Commands;

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
// No built-in Ctrl-C handling: it ends the process 2 s after the first signal, before `course run` has saved the
// notebooks that ran. Commands that run long handle SIGINT/SIGTERM themselves (StopSignals).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

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
return await root.Parse(args).InvokeAsync();

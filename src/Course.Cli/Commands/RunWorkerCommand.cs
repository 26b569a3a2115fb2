using System.CommandLine;
using System.Runtime.InteropServices;
using Course.Cli.Hosting;
using Course.Notebooks.Running;

namespace Course.Cli.Commands;

/// <summary>`course run-worker --pipe NAME` (hidden): the child process `course run` executes one notebook in.</summary>
internal static class RunWorkerCommand
{
    public const string Name = "run-worker";

    public static Command Create()
    {
        var pipe = new Option<string>("--pipe") { Description = "Name of the parent's pipe.", Required = true };
        var command = new Command(Name, "Internal: executes cells for `course run`.") { pipe };
        command.Hidden = true;
        command.SetAction(async parse =>
        {
            // Ctrl-C in a terminal reaches the whole process group, this worker too; the parent decides what it
            // means (cancel the cell, save, and only on a second Ctrl-C kill us), so the worker must not die of it.
            using var parentDecides = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            return await WorkerHost.RunAsync(parse.GetValue(pipe)!, CourseEngineFactory.Create);
        });
        return command;
    }
}

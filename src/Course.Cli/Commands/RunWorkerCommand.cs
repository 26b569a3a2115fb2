using System.CommandLine;
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
        command.SetAction(parse => WorkerHost.RunAsync(parse.GetValue(pipe)!, CourseEngineFactory.Create));
        return command;
    }
}

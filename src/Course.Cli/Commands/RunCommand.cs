using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using Course.Cli.Commands.Progress;
using Course.Notebooks.Documents;
using Course.Notebooks.Execution;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// `course run`: executes notebooks headless, each in its own worker process, and writes the executed copies
/// (outputs, execution counts, timings) to an output folder.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "A notebook (.ipynb or .dib) or a folder of them (run in name order)." };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the executed notebooks.", DefaultValueFactory = _ => "out" };
        var parameters = new Option<List<KeyValuePair<string, string>>>("--parameter", "-p")
        {
            Description = "Set a parameter: -p name value (repeatable). Goes into a cell after the one tagged 'parameters'.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = ParsePairs,
        };
        var timeout = SecondsOption.Create("--timeout", "Seconds one cell may run before it is stopped.");
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run the remaining cells after a cell fails." };
        var quick = new Option<bool>("--quick") { Description = "Quick mode: smaller data and fewer epochs (sets COURSE_QUICK=1 and -p quick true)." };
        var inPlace = new Option<bool>("--in-place") { Description = "Write outputs into the notebook itself instead of the output folder." };
        var grace = SecondsOption.Create("--grace", "Seconds a stopped cell gets to end before its worker is killed.");
        grace.Hidden = true;
        var command = new Command("run", "Run notebooks headless and save them with their outputs.") { path, output, parameters, timeout, allowErrors, quick, inPlace, grace };
        command.SetAction((parse, cancellation) => new NotebookBatch(
            parse.GetValue(parameters) ?? [],
            new RunOptions(parse.GetValue(timeout) is { } s ? TimeSpan.FromSeconds(s) : null, parse.GetValue(allowErrors), TimeoutAdvice),
            parse.GetValue(quick),
            TimeSpan.FromSeconds(parse.GetValue(grace) ?? 5)).RunAsync(parse.GetValue(path)!, parse.GetValue(output)!, parse.GetValue(inPlace), cancellation));
        return command;
    }

    /// <summary>Added to a cell's TimeoutError: what `course run` offers against it.</summary>
    internal const string TimeoutAdvice = "Raise --timeout, or use quick mode (--quick) for a shorter run.";

    private static List<KeyValuePair<string, string>> ParsePairs(ArgumentResult result)
    {
        var tokens = result.Tokens.Select(t => t.Value).ToList();
        if (tokens.Count % 2 != 0)
        {
            result.AddError($"-p takes a name and a value (e.g. -p epochs 3); got: {string.Join(' ', tokens)}. Put the notebook path before the options.");
            return [];
        }
        return Enumerable.Range(0, tokens.Count / 2).Select(i => KeyValuePair.Create(tokens[2 * i], tokens[2 * i + 1])).ToList();
    }

    /// <summary>The command that starts a worker: this same program with the hidden run-worker subcommand.</summary>
    internal static ProcessStartInfo WorkerStart()
    {
        var assembly = typeof(RunCommand).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { ArgumentList = { assembly } };
        start.ArgumentList.Add(RunWorkerCommand.Name);
        return start;
    }
}

/// <summary>Runs a set of notebooks with one worker each, reporting progress and a summary on the console.</summary>
internal sealed class NotebookBatch(IReadOnlyList<KeyValuePair<string, string>> parameters, RunOptions options, bool quick, TimeSpan grace)
{
    private sealed record Row(string Name, string Cells, string Status, TimeSpan Time, bool Passed, IReadOnlyList<string> Problems);

    /// <summary>Runs every notebook at <paramref name="path"/>; 0 when all passed, 1 when one failed, 2 for a bad request, 130 when stopped by a signal.</summary>
    public async Task<int> RunAsync(string path, string outputDirectory, bool inPlace, CancellationToken cancellation)
    {
        IReadOnlyList<NotebookJob> jobs;
        try
        {
            jobs = NotebookJob.Plan(path, outputDirectory, inPlace);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
        using var signals = new StopSignals(Console.Out);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, signals.Token);
        var rows = new List<Row>();
        foreach (var job in jobs)
        {
            if (stop.IsCancellationRequested)
            {
                rows.Add(new Row(Path.GetFileName(job.Source), "-", "not run", TimeSpan.Zero, false, []));
                continue;
            }
            rows.Add(await RunOneAsync(job, signals, stop.Token));
        }
        PrintSummary(rows);
        if (signals.Requested) return StopSignals.ExitCode;
        return rows.All(r => r.Passed) ? 0 : 1;
    }

    // One notebook: whatever goes wrong with it becomes its row (one line naming it), never the end of the batch.
    private async Task<Row> RunOneAsync(NotebookJob job, StopSignals signals, CancellationToken cancellation)
    {
        var name = Path.GetFileName(job.Source);
        try
        {
            return await RunAndSaveAsync(job, signals, cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var problem = $"{job.Source}: {e.GetType().Name}: {e.Message}";
            AnsiConsole.MarkupLineInterpolated($"[red]✗ {problem}[/]");
            return new Row(name, "-", "error", TimeSpan.Zero, false, [problem]);
        }
    }

    private async Task<Row> RunAndSaveAsync(NotebookJob job, StopSignals signals, CancellationToken cancellation)
    {
        var name = Path.GetFileName(job.Source);
        Notebook notebook;
        var given = parameters.ToList();
        try
        {
            notebook = NotebookFile.Load(job.Source);
            if (quick && NotebookParameters.Declares(notebook, "quick") && given.All(p => p.Key != "quick"))
                given.Add(KeyValuePair.Create("quick", "true"));
            NotebookParameters.Inject(notebook, given, name);
        }
        catch (NotebookFormatException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]✗ {e.Message}[/]");
            return new Row(name, "-", "invalid", TimeSpan.Zero, false, [e.Message]);
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]▶ {name}[/] [grey]({notebook.Cells.Count(c => c.Kind == CellKind.Code)} code cells)[/]");
        var clock = Stopwatch.StartNew();
        NotebookRunResult result;
        var start = RunCommand.WorkerStart();
        start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(job.Source))!;
        if (quick) start.Environment["COURSE_QUICK"] = "1";
        WorkerEngine worker;
        try
        {
            worker = await WorkerEngine.StartAsync(start, grace, TimeSpan.FromMinutes(2), WorkerNoise.IsHarmlessNativeWarning);
        }
        catch (InvalidOperationException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]✗ {name}: {e.Message}[/]");
            return new Row(name, "-", "no worker", clock.Elapsed, false, [e.Message]);
        }
        using (worker)
        using (var progress = RunProgress.For(AnsiConsole.Console, TimeProvider.System))
        {
            signals.Forced = () => worker.KillNow("Stopped at once by a second Ctrl-C; the worker process was killed.");
            try
            {
                result = await NotebookRunner.RunAsync(notebook, worker, options, progress, cancellation);
            }
            finally
            {
                signals.Forced = null;
            }
        }
        NotebookFile.Save(notebook, job.Output);
        AnsiConsole.MarkupLineInterpolated($"  [grey]→ {job.Output}[/]");
        var problems = result.Failures.Select(f => $"{name}, cell {f.Number}{(f.Error?.Line is { } line ? $", line {line}" : "")}: {f.Error?.Name}: {f.Error?.Message}").ToList();
        var status = result.Status switch
        {
            RunStatus.Passed => "passed",
            RunStatus.TimedOut => "timed out",
            RunStatus.Interrupted => "interrupted",
            _ => "failed",
        };
        return new Row(name, $"{result.Outcomes.Count}/{result.CodeCells}", status, clock.Elapsed, result.Status == RunStatus.Passed, problems);
    }

    private static void PrintSummary(IReadOnlyList<Row> rows)
    {
        var table = new Table().AddColumns("Notebook", "Cells run", "Status", "Time");
        foreach (var row in rows)
            table.AddRow(Markup.Escape(row.Name), row.Cells, row.Passed ? $"[green]{row.Status}[/]" : $"[red]{row.Status}[/]", $"{row.Time.TotalSeconds:F1} s");
        AnsiConsole.Write(table);
        foreach (var problem in rows.SelectMany(r => r.Problems))
            AnsiConsole.MarkupLineInterpolated($"[red]{problem}[/]");
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Cli.Doctor;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>`course doctor`: checks this machine for everything the course needs and says how to fix what is missing.</summary>
public static class DoctorCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Readable output for people too: keep +, ×, ' and ` as they are (nothing here ends up in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON (for scripts and tests)." };
        var command = new Command("doctor", "Check .NET, TorchSharp, GPU, datasets and the Jupyter kernel; exit 1 when something blocks the course.") { json };
        command.SetAction(parse => Run(DoctorContext.Current, parse.GetValue(json), Console.Out));
        return command;
    }

    /// <summary>Runs every check and prints a table (or JSON) to <paramref name="output"/>.</summary>
    /// <returns>1 when any check failed, else 0 (warnings do not fail).</returns>
    public static int Run(DoctorContext context, bool json, TextWriter output)
    {
        var outcomes = DoctorChecks.RunAll(context);
        int exitCode = ExitCode(outcomes);
        if (json)
            output.WriteLine(JsonSerializer.Serialize(new { exitCode, checks = outcomes }, Json));
        else
            Render(outcomes, exitCode, output);
        return exitCode;
    }

    /// <summary>1 when any outcome is <see cref="Verdict.Fail"/>, else 0.</summary>
    public static int ExitCode(IEnumerable<CheckOutcome> outcomes) => outcomes.Any(o => o.Verdict == Verdict.Fail) ? 1 : 0;

    private static void Render(IReadOnlyList<CheckOutcome> outcomes, int exitCode, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Check").AddColumn("Verdict").AddColumn("Found").AddColumn("Fix");
        foreach (var o in outcomes)
            table.AddRow(Markup.Escape(o.Check), Badge(o.Verdict), Markup.Escape(o.Detail), Markup.Escape(o.Fix ?? ""));
        console.Write(table);
        console.MarkupLine(exitCode == 0
            ? "[green]Ready:[/] nothing blocks the course" + (outcomes.Any(o => o.Verdict == Verdict.Warn) ? " (see the warnings above)." : ".")
            : "[red]Blocked:[/] fix the FAIL lines above, then run `./course doctor` again.");
    }

    private static string Badge(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "[green]ok[/]",
        Verdict.Info => "[blue]info[/]",
        Verdict.Warn => "[yellow]warn[/]",
        _ => "[red bold]FAIL[/]",
    };
}

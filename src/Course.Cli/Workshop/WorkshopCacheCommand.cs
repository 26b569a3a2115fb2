using System.CommandLine;
using Course.Cli.Doctor;
using Spectre.Console;

namespace Course.Cli.Workshop;

/// <summary>`course workshop cache DIR`: the offline package folder for a room without internet.</summary>
internal static class WorkshopCacheCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("dir") { Description = "Folder to write the packages to (new or empty; e.g. on a USB stick)." };
        var platforms = new Option<string?>("--platform")
        {
            Description = $"Learners' platforms, comma-separated (default: all of {string.Join(",", LibTorchPlatforms.Supported)}).",
        };
        var command = new Command("cache", "Write every NuGet package the course's build needs to a folder learners restore from without internet.") { output, platforms };
        command.SetAction(parse =>
        {
            try
            {
                var asked = OfflinePackages.ParsePlatforms(parse.GetValue(platforms));
                var result = OfflinePackages.Write(Directory.GetCurrentDirectory(), parse.GetValue(output)!, asked,
                    line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"));
                AnsiConsole.MarkupLineInterpolated(
                    $"[green]✓[/] {result.Packages.Count} packages, {result.Bytes / 1e6:F0} MB, in {result.Directory}");
                AnsiConsole.MarkupLineInterpolated(
                    $"Learners run, in the course folder: dotnet restore Course.sln --configfile {Path.Combine(result.Directory, OfflinePackages.ConfigFileName)}");
                return 0;
            }
            catch (WorkshopException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 2;
            }
        });
        return command;
    }
}

using System.CommandLine;
using System.Xml.Linq;
using Course.Notebooks.Documents;
using Course.Notebooks.Exporting;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>`course export`: a notebook as a single-file C# app (`dotnet run lesson.cs`).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("notebook") { Description = "The notebook (.ipynb or .dib) to export." };
        var to = new Option<string>("--to") { Description = "Export format. 'cs': a .NET 10 file-based app.", DefaultValueFactory = _ => "cs" };
        to.AcceptOnlyFromAmong("cs");
        var output = new Option<string?>("--output", "-o") { Description = "The .cs file to write (default: out/<notebook>.cs)." };
        var command = new Command("export", "Export a notebook as a C# file you can run with `dotnet run`.") { path, to, output };
        command.SetAction(parse => Run(parse.GetValue(path)!, parse.GetValue(output)));
        return command;
    }

    private static int Run(string path, string? output)
    {
        output ??= Path.Combine("out", Path.GetFileNameWithoutExtension(path) + ".cs");
        try
        {
            if (NotebookFile.Extensions.Contains(Path.GetExtension(output), StringComparer.OrdinalIgnoreCase) || File.Exists(path) && FilePaths.Same(path, output))
                throw new NotebookFormatException($"-o {output} would replace a notebook with C# code. Give a .cs file, e.g. -o {Path.ChangeExtension(Path.GetFileName(path), ".cs")}.");
            var notebook = NotebookFile.Load(path);
            var result = FileBasedAppExporter.Export(notebook, Path.GetFileName(path), Settings(path, output));
            var directory = Path.GetDirectoryName(Path.GetFullPath(output))!;
            Directory.CreateDirectory(directory);
            File.WriteAllText(output, result.Code);
            foreach (var warning in result.Warnings) AnsiConsole.MarkupLineInterpolated($"[yellow]warning: {warning}[/]");
            AnsiConsole.MarkupLineInterpolated($"Wrote {output}. Run it with: dotnet run {output}");
            return 0;
        }
        catch (NotebookFormatException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 2;
        }
    }

    // The exported file names the course library by a path relative to itself. Inside this repository the
    // repository's build settings apply (CourseNeedsBackend brings libtorch); outside it, the backend package is named.
    private static ExportSettings Settings(string notebook, string output)
    {
        var root = RepositoryRoot(Path.GetDirectoryName(Path.GetFullPath(notebook))!) ?? RepositoryRoot(AppContext.BaseDirectory)
                   ?? throw new NotebookFormatException("Cannot find the course repository (a folder with Course.sln) above the notebook; export from inside the course checkout.");
        var outputDirectory = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var project = Path.GetRelativePath(outputDirectory, Path.Combine(root, "src", "Course", "Course.csproj")).Replace('\\', '/');
        var insideRepository = !Path.GetRelativePath(root, outputDirectory).StartsWith("..", StringComparison.Ordinal);
        return new ExportSettings(project, insideRepository ? "#:property CourseNeedsBackend=true" : $"#:package TorchSharp-cpu@{PinnedVersion(root, "TorchSharp-cpu")}");
    }

    private static string? RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        return null;
    }

    private static string PinnedVersion(string root, string package) =>
        XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion")
            .FirstOrDefault(e => (string?)e.Attribute("Include") == package)?.Attribute("Version")?.Value ?? "*";
}

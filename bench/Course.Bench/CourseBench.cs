using System.Diagnostics;
using Course.Platform;

namespace Course.Bench;

/// <summary>
/// The whole course in quick mode, as CI runs it: each notebook by `course run --quick`, in order, in one copy of the
/// notebooks folder (06 reads what 05 saved). Wall time per notebook includes starting its worker process.
/// </summary>
public sealed class CourseBench(BenchTable table, TextWriter log)
{
    /// <summary>Runs the course and adds one row per notebook and a total.</summary>
    public void Run()
    {
        var copy = Directory.CreateTempSubdirectory("course-bench-notebooks-").FullName;
        try
        {
            var notebooks = Path.Combine(copy, "notebooks");
            Directory.CreateDirectory(notebooks);
            var names = Directory.GetFiles("notebooks", "*.ipynb").Order(StringComparer.Ordinal).ToList();
            foreach (var path in names) File.Copy(path, Path.Combine(notebooks, Path.GetFileName(path)));
            var cli = Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll");
            double total = 0;
            foreach (var name in names.Select(Path.GetFileName))
            {
                log.WriteLine($"course, quick mode: {name} …");
                var clock = Stopwatch.StartNew();
                var (exit, output, error) = ExternalTool.Run(new ProcessStartInfo("dotnet",
                    ["exec", cli, "run", Path.Combine(notebooks, name!), "--quick", "-o", Path.Combine(copy, "out")]), TimeSpan.FromMinutes(10));
                double seconds = clock.Elapsed.TotalSeconds;
                if (exit != 0) throw new InvalidOperationException($"{name} failed in quick mode (exit {exit}):\n{output}\n{error}");
                total += seconds;
                table.Add(new BenchRow("course", $"{Path.GetFileNameWithoutExtension(name)}, quick mode", "s", seconds, null,
                    "`course run --quick`, one process per notebook; CI's limit is 60 s"));
            }
            table.Add(new BenchRow("course", "the whole course, quick mode", "s", total, null, $"{names.Count} notebooks in order"));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}

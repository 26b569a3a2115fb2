using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Platform;

namespace Course.TestSupport;

/// <summary>
/// The whole course, with the worked solutions in its exercise cells, executed once by `course run notebooks --quick`
/// and shared by every test that asserts on executed notebooks (Course.Cli.Tests checks the exercises and claims,
/// Course.Kernel.Tests compares nbconvert's run through the real kernel against it). Quick mode still trains real
/// models for minutes, so running it once per test run instead of once per test project is most of the suite's time.
/// <para>
/// Where: the folder in COURSE_EXECUTED_COURSE when set (scripts/test.sh gives each run a fresh one), else a folder
/// under the system temp directory named by a hash of the notebooks, the solutions and the built course binaries, so
/// a test run from an IDE reuses an execution of exactly the same inputs. A file lock makes concurrent test
/// processes wait for the one that executes; the result (exit code and log) is kept beside the notebooks, so a
/// failing course fails every consumer with the same log instead of running again.
/// </para>
/// </summary>
public sealed class ExecutedCourse
{
    public const string FolderVariable = "COURSE_EXECUTED_COURSE";

    private const string ResultFile = "course-run.json";

    // Quick mode takes about 2.5 minutes on two idle cores; a machine shared with other builds took over 15 (measured
    // at a load average of 25). The limit is there to end a hung run, not to judge speed.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(40);

    private static readonly Lazy<ExecutedCourse> Shared = new(Execute, LazyThreadSafetyMode.ExecutionAndPublication);

    private ExecutedCourse(string folder, int exitCode, string log)
    {
        Folder = folder;
        ExitCode = exitCode;
        Log = log;
    }

    /// <summary>The course executed for this test run (executes it, or waits for another process that is executing it).</summary>
    public static ExecutedCourse Get() => Shared.Value;

    /// <summary>Holds notebooks/ (the inputs, with solutions, and the results/ that 05 writes for 06) and executed/.</summary>
    public string Folder { get; }

    /// <summary>The notebooks as run: the course's notebooks with each exercise cell holding its worked solution.</summary>
    public string Notebooks => Path.Combine(Folder, "notebooks");

    /// <summary>`course run`'s executed copies, one per notebook.</summary>
    public string Executed => Path.Combine(Folder, "executed");

    public int ExitCode { get; }

    /// <summary>What `course run` printed (or why it was stopped).</summary>
    public string Log { get; }

    /// <summary>The executed copy of notebook <paramref name="name"/> (without extension).</summary>
    public string ExecutedNotebook(string name) => Path.Combine(Executed, name + ".ipynb");

    /// <summary>The repository the tests run from (the folder holding Course.sln above the test binaries).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException("Course.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The course's notebook with each exercise cell's source replaced by its worked solution from notebooks/solutions.</summary>
    public static Notebook WithSolutions(string notebookPath)
    {
        var notebook = NotebookFile.Load(notebookPath);
        var solutionsPath = Path.Combine(Path.GetDirectoryName(notebookPath)!, "solutions", Path.GetFileNameWithoutExtension(notebookPath) + ".json");
        if (!File.Exists(solutionsPath)) return notebook; // the notebook tests report the missing file by name
        var solutions = JsonNode.Parse(File.ReadAllText(solutionsPath))!["exercises"]!.AsArray()
            .ToDictionary(e => (string)e!["id"]!, e => (string)e!["solution"]!);
        foreach (var cell in notebook.Cells)
            if (cell.Metadata["course"]?["exercise"] is JsonValue id && solutions.TryGetValue((string)id!, out var solution))
                cell.Source = solution;
        return notebook;
    }

    private static ExecutedCourse Execute()
    {
        var root = RepositoryRoot();
        var given = Environment.GetEnvironmentVariable(FolderVariable);
        var folder = string.IsNullOrEmpty(given)
            ? Path.Combine(Path.GetTempPath(), "course-tests", "executed-" + InputsHash(root))
            : Path.GetFullPath(given);
        Directory.CreateDirectory(folder);
        using var held = Lock(Path.Combine(folder, "lock"));

        // Within one test run every result is shared, a failure too; across runs (the hashed folder) only a success
        // is reused, so a run stopped by a busy machine is not remembered as the course's verdict.
        var resultPath = Path.Combine(folder, ResultFile);
        if (File.Exists(resultPath))
        {
            var saved = JsonNode.Parse(File.ReadAllText(resultPath))!;
            var (savedExit, savedLog) = ((int)saved["exitCode"]!, (string)saved["log"]!);
            if (savedExit == 0 || !string.IsNullOrEmpty(given)) return new ExecutedCourse(folder, savedExit, savedLog);
        }

        // Start from nothing: a run stopped half-way (killed test host) leaves partial copies and results behind.
        foreach (var partial in new[] { "notebooks", "executed" }.Select(p => Path.Combine(folder, p)).Where(Directory.Exists))
            Directory.Delete(partial, recursive: true);
        var notebooks = Directory.CreateDirectory(Path.Combine(folder, "notebooks")).FullName;
        foreach (var path in Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order())
            NotebookFile.Save(WithSolutions(path), Path.Combine(notebooks, Path.GetFileName(path)));

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Course.Cli.dll"), "run", notebooks, "--quick", "-o", Path.Combine(folder, "executed") })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("COURSE_QUICK");
        var clock = Stopwatch.StartNew();
        int exit;
        string log;
        try
        {
            var (code, output, error) = ExternalTool.Run(start, RunLimit);
            (exit, log) = (code, output + error);
        }
        catch (TimeoutException e)
        {
            (exit, log) = (-1, e.Message);
        }
        log = $"`course run notebooks --quick` in {folder} took {clock.Elapsed.TotalSeconds:0} s, exit code {exit}\n{log}";
        var temporary = resultPath + ".tmp";
        File.WriteAllText(temporary, new JsonObject { ["exitCode"] = exit, ["log"] = log }.ToJsonString());
        File.Move(temporary, resultPath, overwrite: true);
        return new ExecutedCourse(folder, exit, log);
    }

    /// <summary>Hash of everything the execution depends on that a developer changes: notebooks, solutions, built course binaries.</summary>
    private static string InputsHash(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var inputs = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb")
            .Concat(Directory.GetFiles(Path.Combine(root, "notebooks", "solutions"), "*.json"))
            .Concat(new[] { "Course.Cli.dll", "Course.dll", "Course.Notebooks.dll" }.Select(f => Path.Combine(AppContext.BaseDirectory, f)))
            .Order(StringComparer.Ordinal);
        foreach (var path in inputs)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path)));
            hash.AppendData(File.ReadAllBytes(path));
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>An exclusive lock on <paramref name="path"/> held until disposed; waits while another process holds it.</summary>
    private static FileStream Lock(string path)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < RunLimit + TimeSpan.FromMinutes(5))
            {
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Xunit.Abstractions;

namespace Course.Cli.Tests.Running;

/// <summary>
/// The runner fault suite: malformed notebooks, output paths that clash with sources, bad option values, and
/// signals during a run. The rule checked for each: one clear line naming the file and the problem, the other
/// notebooks of the batch still run, the summary is printed, the exit code says something failed, and no source
/// file changes (hashes before and after).
/// </summary>
public sealed class RunnerFaultSuiteTests(ITestOutputHelper console) : IDisposable
{
    private readonly string root = CourseProcess.TempDirectory();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string Code(string source, params string[] more)
    {
        var cells = new JsonArray();
        foreach (var s in new[] { source }.Concat(more))
            cells.Add(new JsonObject { ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(), ["source"] = s });
        return new JsonObject { ["cells"] = cells, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4 }.ToJsonString();
    }

    private static string WithCell(string cellJson) =>
        $$"""{"cells": [{{cellJson}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""";

    // Each bad notebook with the words its one error line must contain.
    private static readonly (string Name, string Content, string Problem)[] Corpus =
    [
        ("bad-json.ipynb", "{ \"cells\": [ oops", "is not valid JSON"),
        ("empty.ipynb", "", "is not valid JSON"),
        ("nbformat3.ipynb", """{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}""", "nbformat 3.0"),
        ("not-a-notebook.ipynb", "[1, 2, 3]", "not a Jupyter notebook"),
        ("no-cells.ipynb", """{"nbformat": 4, "nbformat_minor": 4, "metadata": {}}""", "no \"cells\" list"),
        ("minor-string.ipynb", """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": "5"}""", "\"nbformat_minor\" must be a whole number"),
        ("metadata-list.ipynb", """{"cells": [], "metadata": [], "nbformat": 4, "nbformat_minor": 4}""", "\"metadata\" must be an object"),
        ("cell-not-object.ipynb", """{"cells": [3], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}""", "cell 1 is not a JSON object"),
        ("cell-type-number.ipynb", WithCell("""{"cell_type": 7, "source": "1"}"""), "\"cell_type\" must be a string"),
        ("source-number.ipynb", WithCell("""{"cell_type": "code", "source": ["1 +", 2]}"""), "\"source\" must be a string or a list of strings"),
        ("tags-string.ipynb", WithCell("""{"cell_type": "code", "source": "1", "metadata": {"tags": "parameters"}}"""), "\"metadata.tags\" must be a list of strings"),
        ("outputs-object.ipynb", WithCell("""{"cell_type": "code", "source": "1", "outputs": {}}"""), "\"outputs\" must be a list of objects"),
        ("count-string.ipynb", WithCell("""{"cell_type": "code", "source": "1", "execution_count": "2"}"""), "\"execution_count\" must be a whole number or null"),
        ("id-number.ipynb", WithCell("""{"cell_type": "code", "source": "1", "id": 12}"""), "\"id\" must be a string"),
        ("garbage.dib", "\u0001\u0002binary\u0000garbage\n#!csharp\n1", "text before the first section"),
    ];

    private static string Text(JsonNode? multiline) => multiline is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)multiline ?? "";

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, Hash);

    private string Sources()
    {
        var folder = Path.Combine(root, "in");
        Directory.CreateDirectory(folder);
        foreach (var (name, content, _) in Corpus) File.WriteAllText(Path.Combine(folder, name), content);
        var random = new Random(20);
        var binary = new byte[4096];
        random.NextBytes(binary);
        File.WriteAllBytes(Path.Combine(folder, "binary.ipynb"), binary);
        File.WriteAllText(Path.Combine(folder, "ok.ipynb"), Code("1 + 1"));
        File.WriteAllText(Path.Combine(folder, "printer.ipynb"), Code("for (var i = 0; i < 20000; i++) Console.WriteLine($\"line {i}\");"));
        // Valid, but carrying 8 MB of old output: it runs, and the old output is replaced.
        var huge = JsonNode.Parse(Code("2 + 2"))!;
        huge["cells"]![0]!["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new string('x', 8 << 20) });
        File.WriteAllText(Path.Combine(folder, "zz-huge-outputs.ipynb"), huge.ToJsonString());
        return folder;
    }

    [Fact]
    public void A_batch_of_malformed_notebooks_names_each_problem_runs_the_good_ones_and_changes_no_source()
    {
        var folder = Sources();
        var before = Hashes(folder);
        var output = Path.Combine(root, "out");
        var (exit, log) = CourseProcess.Run(root, "run", folder, "-o", output);
        var lines = log.Split('\n');

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", log); // no stack trace
        foreach (var (name, _, problem) in Corpus.Append(("binary.ipynb", "", "is not valid JSON")))
            Assert.True(lines.Count(l => l.Contains(name) && l.Contains(problem)) >= 1, $"no line names {name} and '{problem}':\n{log}");
        Assert.Contains("Notebook", log);
        Assert.Contains("Status", log);
        Assert.Equal(Corpus.Length + 1, lines.Count(l => l.Contains("│ invalid")));
        Assert.Equal("4", Text(NotebookFile.Load(Path.Combine(output, "zz-huge-outputs.ipynb")).Cells[0].Outputs.Single()!["data"]!["text/plain"]));
        Assert.Equal("2", Text(NotebookFile.Load(Path.Combine(output, "ok.ipynb")).Cells[0].Outputs.Single()!["data"]!["text/plain"]));
        var printed = NotebookFile.Load(Path.Combine(output, "printer.ipynb")).Cells[0].Outputs.Single()!["text"]!.AsArray();
        Assert.Equal(20_000, printed.Count);
        Assert.Equal("line 19999\n", (string?)printed[^1]);
        Assert.Equal(before, Hashes(folder));
        console.WriteLine($"{Corpus.Length + 1} malformed notebooks named, 3 good ones run, exit {exit}, sources unchanged");
    }

    [Fact]
    public void Output_paths_that_clash_with_sources_are_refused_before_anything_runs()
    {
        var folder = Path.Combine(root, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.ipynb"), Code("1"));
        File.WriteAllText(Path.Combine(folder, "a.dib"), "#!csharp\n2");
        File.WriteAllText(Path.Combine(folder, "b.ipynb"), Code("3"));
        var link = Path.Combine(root, "link-to-in");
        Directory.CreateSymbolicLink(link, folder);
        var notes = Path.Combine(root, "notes.txt");
        File.WriteAllText(notes, "keep");
        var before = Hashes(root);
        string[][] cases =
        [
            ["run", folder, "-o", folder],
            ["run", folder, "-o", link],
            ["run", folder, "--in-place"],
            ["run", folder, "-o", Path.Combine(root, "out")],
            ["run", Path.Combine(folder, "b.ipynb"), "-o", notes],
            ["run", Path.Combine(folder, "a.dib"), "--in-place"],
            ["export", Path.Combine(folder, "b.ipynb"), "-o", Path.Combine(folder, "b.ipynb")],
            ["export", Path.Combine(folder, "b.ipynb"), "-o", Path.Combine(link, "a.ipynb")],
            ["workshop", "student", folder, "--notebooks", link],
            ["run", Path.Combine(folder, "b.ipynb"), "--timeout", "-5"],
            ["run", Path.Combine(folder, "b.ipynb"), "--timeout", "NaN"],
            ["run", Path.Combine(folder, "b.ipynb"), "--timeout", "1e300"],
            ["workshop", "grade", Path.Combine(folder, "b.ipynb"), "--timeout", "0"],
        ];
        foreach (var args in cases)
        {
            var (exit, log) = CourseProcess.Run(root, args);
            var what = string.Join(' ', args);
            Assert.True(exit != 0, $"{what} succeeded:\n{log}");
            Assert.DoesNotContain("   at ", log);
            Assert.DoesNotContain("▶", log); // refused before any notebook ran
            Assert.True(log.Trim().Length > 0, what);
            console.WriteLine($"{what}\n  → {log.Trim()}");
            Assert.Equal(before, Hashes(root));
        }
        Assert.False(Directory.Exists(Path.Combine(root, "out")));
        console.WriteLine($"{cases.Length} clashing or invalid requests refused, no file changed");
    }

    [Fact]
    public async Task First_ctrl_c_stops_the_cell_saves_what_ran_and_exits_130()
    {
        var folder = Path.Combine(root, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "1-first.ipynb"), Code("6 * 7"));
        File.WriteAllText(Path.Combine(folder, "2-second.ipynb"), Code("Console.WriteLine(\"before\");", "while (true) { System.Threading.Thread.Sleep(5); }", "Console.WriteLine(\"never\");"));
        File.WriteAllText(Path.Combine(folder, "3-third.ipynb"), Code("1"));
        var before = Hashes(folder);
        var output = Path.Combine(root, "out");
        using var run = new SignalledRun(root, "run", folder, "-o", output);
        await run.WaitForAsync("2-second.ipynb", "✓ cell 1 [1/3]");
        await Task.Delay(1000); // cell 2, the endless loop, starts right after cell 1
        run.Signal();
        var (exit, log) = await run.EndAsync();

        Assert.True(exit == 130, log);
        Assert.Contains("stopping the running cell", log);
        Assert.Contains("interrupted", log);
        Assert.Contains("not run", log);
        Assert.Equal("42", Text(NotebookFile.Load(Path.Combine(output, "1-first.ipynb")).Cells[0].Outputs.Single()!["data"]!["text/plain"]));
        var second = NotebookFile.Load(Path.Combine(output, "2-second.ipynb"));
        Assert.Equal("before\n", Text(second.Cells[0].Outputs.Single()!["text"]));
        Assert.Equal("Interrupted", (string?)second.Cells[1].Outputs.Last()!["ename"]);
        Assert.Empty(second.Cells[2].Outputs);
        Assert.False(File.Exists(Path.Combine(output, "3-third.ipynb")));
        Assert.Equal(before, Hashes(folder));
    }

    [Fact]
    public async Task A_second_ctrl_c_kills_a_cell_that_ignores_the_first()
    {
        var folder = Path.Combine(root, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "stuck.ipynb"), Code("Console.WriteLine(\"started\");", "System.Threading.Thread.Sleep(600_000);"));
        var output = Path.Combine(root, "out");
        // A grace of 10 minutes: only the second signal can end the sleeping cell in time.
        using var run = new SignalledRun(root, "run", folder, "-o", output, "--grace", "600");
        await run.WaitForAsync("✓ cell 1 [1/2]");
        await Task.Delay(1000);
        run.Signal();
        await run.WaitForAsync("stopping the running cell");
        run.Signal();
        var (exit, log) = await run.EndAsync();

        Assert.True(exit == 130, log);
        Assert.Contains("stopping the worker at once", log);
        var stuck = NotebookFile.Load(Path.Combine(output, "stuck.ipynb"));
        Assert.Equal("started\n", Text(stuck.Cells[0].Outputs.Single()!["text"]));
        Assert.Equal("Interrupted", (string?)stuck.Cells[1].Outputs.Last()!["ename"]);
    }

    /// <summary>`course` started with its output watched line by line, so a test can signal it mid-run.</summary>
    private sealed class SignalledRun : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder log = new();

        public SignalledRun(string workingDirectory, params string[] args)
        {
            // In a session of its own, so a signal can go to its whole process group, as Ctrl-C in a terminal does.
            // With SIGINT's default action restored: a test run started in the background by a script (CI) inherits
            // SIGINT ignored, and .NET then leaves it ignored, as a background job should.
            var start = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "env", "--default-signal=INT", CourseProcess.Executable }) start.ArgumentList.Add(arg);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment.Remove("COURSE_QUICK");
            process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        private void Add(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
        }

        private string Log
        {
            get { lock (log) return log.ToString(); }
        }

        /// <summary>Waits (up to 3 minutes) until every one of <paramref name="texts"/> has been printed.</summary>
        public async Task WaitForAsync(params string[] texts)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (!texts.All(Log.Contains))
            {
                Assert.False(process.HasExited, $"course ended before printing {string.Join(", ", texts)}:\n{Log}");
                Assert.True(DateTime.UtcNow < deadline, $"course did not print {string.Join(", ", texts)}:\n{Log}");
                await Task.Delay(100);
            }
        }

        /// <summary>SIGINT to `course` and its worker together, like Ctrl-C in the terminal they run in.</summary>
        public void Signal()
        {
            using var kill = Process.Start("kill", ["-INT", "--", "-" + process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task<(int ExitCode, string Log)> EndAsync()
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(limit.Token);
            return (process.ExitCode, Log);
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}

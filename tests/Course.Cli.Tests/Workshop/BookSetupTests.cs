using Course.Cli.Tests.Doctor;
using Course.Cli.Tests.Running;

namespace Course.Cli.Tests.Workshop;

/// <summary>
/// `course book` when its renderers cannot be installed: a clear error and no site, or an explicit --plain book.
/// Builds from the fixture notebooks as they are (no run needed) with a fresh course cache and npm cache.
/// </summary>
public sealed class BookSetupTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Site => Path.Combine(dir.Path, "site");

    private (int Exit, string Output) Book(string path, params string[] extra) =>
        ChildProcess.Run(CourseProcess.Executable, ["book", Site, "--from", Path.Combine(CourseProcess.Fixtures, "book"), .. extra], dir.Path,
            ("PATH", path), ("DOTNET_ROOT", DotnetRoot()),
            ("COURSE_CACHE", Path.Combine(dir.Path, "course-cache")), ("npm_config_cache", Path.Combine(dir.Path, "npm-cache")),
            ("npm_config_registry", "http://127.0.0.1:9/"), ("npm_config_fetch_retries", "0"), ("npm_config_fetch_timeout", "5000"));

    [Fact]
    public void Without_node_the_book_is_refused_with_what_to_install_and_nothing_is_written()
    {
        var (exit, output) = Book(EmptyPath());
        Assert.True(exit == 2, output);
        Assert.Contains("node was not found on PATH", output);
        Assert.Contains("--plain", output);
        Assert.False(Directory.Exists(Site), "a half-built site was left behind");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // a shell script stands in for node
    public void An_old_node_is_refused_with_the_version_it_needs()
    {
        var bin = EmptyPath();
        var node = Path.Combine(bin, "node");
        File.WriteAllText(node, "#!/bin/sh\necho v16.20.2\n");
        File.SetUnixFileMode(node, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var (exit, output) = Book(bin);
        Assert.True(exit == 2, output);
        Assert.Contains("Node.js v16.20.2 is too old for the book's renderers: install Node.js 18 or newer", output);
        Assert.False(Directory.Exists(Site), "a half-built site was left behind");
    }

    [Fact]
    public void An_unreachable_registry_is_reported_with_the_fix_and_leaves_no_half_install()
    {
        var (exit, output) = Book(Environment.GetEnvironmentVariable("PATH")!);
        Assert.True(exit == 2, output);
        Assert.Contains("npm ci could not install the book's renderers", output);
        Assert.Contains("npm config get registry", output);
        Assert.False(Directory.Exists(Site), "a half-built site was left behind");
        var cache = Path.Combine(dir.Path, "course-cache", "book");
        Assert.True(!Directory.Exists(cache) || Directory.GetDirectories(cache).Length == 0, "a failed install stayed in the cache");
    }

    [Fact]
    public void A_plain_book_needs_no_node_keeps_formulas_as_tex_and_says_so()
    {
        var (exit, output) = Book(EmptyPath(), "--plain");
        Assert.True(exit == 0, output);
        Assert.Contains("plain book (--plain): 4 formulas left as TeX", output);
        var page = File.ReadAllText(Path.Combine(Site, "03-math-and-errors.html"));
        Assert.Contains("<span class=\"math\">$r_i = \\hat y_i - y_i$</span>", page);
        Assert.DoesNotContain("katex", page);
        Assert.False(Directory.Exists(Path.Combine(Site, "katex")));
    }

    [Fact]
    public void A_missing_notebook_folder_says_how_to_make_one()
    {
        var (exit, output) = ChildProcess.Run(CourseProcess.Executable, ["book", Site, "--from", Path.Combine(dir.Path, "nothing-here")], dir.Path);
        Assert.True(exit == 2, output);
        Assert.Contains("nothing-here: no such folder. Run the notebooks first (./course run notebooks -o out)", output);
        Assert.False(Directory.Exists(Site));
    }

    [Fact]
    public void An_error_from_another_kernel_shows_its_traceback_without_terminal_colour_codes()
    {
        // ipykernel stores tracebacks with ANSI colours; the page must show the text, not escape sequences.
        var notebooks = Directory.CreateDirectory(Path.Combine(dir.Path, "executed")).FullName;
        var traceback = "[\"\\u001b[0;31mZeroDivisionError\\u001b[0m Traceback (most recent call last)\", \"Cell \\u001b[0;32mIn[1], line 1\\u001b[0m\\n----> 1 1/0\"]";
        File.WriteAllText(Path.Combine(notebooks, "py.ipynb"), $$"""
            {"cells": [{"cell_type": "code", "execution_count": 1, "id": "e1", "metadata": {}, "source": ["1/0"],
              "outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": {{traceback}}}]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        Course.Cli.Book.BookBuilder.Build(notebooks, Site, "t", plain: true);
        var page = File.ReadAllText(Path.Combine(Site, "py.html"));
        Assert.Contains("<pre class=\"output error\">ZeroDivisionError: division by zero\nZeroDivisionError Traceback (most recent call last)\nCell In[1], line 1\n----&gt; 1 1/0</pre>", page);
        Assert.DoesNotContain("\u001b", page);
    }

    [Fact]
    public void The_dotnet_interactive_set_up_cell_is_left_out_of_the_page_and_the_lesson_s_cells_are_not()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(dir.Path, "executed-set-up")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "nb.ipynb"), """
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "s", "metadata": {}, "outputs": [],
               "source": ["// .NET Interactive set-up: the course's own kernel skips this cell.\n", "#r \"../x.dll\""]},
              {"cell_type": "code", "execution_count": 1, "id": "c", "metadata": {}, "outputs": [], "source": ["var lesson = 42;"]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        Course.Cli.Book.BookBuilder.Build(notebooks, Site, "t", plain: true);
        var page = File.ReadAllText(Path.Combine(Site, "nb.html"));
        Assert.DoesNotContain("set-up", page);
        Assert.DoesNotContain("x.dll", page);
        Assert.Contains("lesson", page);
    }

    private string EmptyPath() => Directory.CreateDirectory(Path.Combine(dir.Path, "empty-bin")).FullName;

    // The apphost finds the runtime through DOTNET_ROOT when PATH does not lead to dotnet.
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
}

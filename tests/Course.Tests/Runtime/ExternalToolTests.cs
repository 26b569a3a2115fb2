using System.Diagnostics;
using Course.Platform;

namespace Course.Tests.Runtime;

/// <summary>The one process runner of the library and the tests: output read while the program runs, a limit that fires.</summary>
public class ExternalToolTests
{
    private static ProcessStartInfo Shell(string script) => new("/bin/sh") { ArgumentList = { "-c", script } };

    [Fact]
    public void Returns_the_exit_code_and_both_streams()
    {
        var (exit, output, error) = ExternalTool.Run(Shell("echo out; echo err >&2; exit 3"), TimeSpan.FromMinutes(1));
        Assert.Equal(3, exit);
        Assert.Equal("out\n", output);
        Assert.Equal("err\n", error);
    }

    [Fact]
    public void A_program_that_prints_more_than_a_pipe_holds_does_not_block()
    {
        // A pipe holds 64 KiB; a runner that waited for the exit before reading would wait forever here.
        var (exit, output, _) = ExternalTool.Run(Shell("head -c 1000000 /dev/zero | tr '\\0' x"), TimeSpan.FromMinutes(1));
        Assert.Equal(0, exit);
        Assert.Equal(1_000_000, output.Length);
    }

    [Fact]
    public void A_program_that_never_ends_is_stopped_at_the_limit_and_the_error_shows_what_it_printed()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TimeoutException>(() => ExternalTool.Run(Shell("echo started; exec sleep 600"), TimeSpan.FromSeconds(1)));
        // Far below the program's 600 s, with room for a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"stopping took {clock.Elapsed}");
        Assert.Contains("ran longer than 1 s and was stopped", error.Message);
        Assert.Contains("started", error.Message);
    }

    [Fact]
    public void A_program_whose_child_keeps_its_output_open_is_reported_at_the_limit()
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TimeoutException>(() => ExternalTool.Run(Shell("sleep 20 & echo parent done"), TimeSpan.FromSeconds(1)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"reporting took {clock.Elapsed}");
        Assert.Contains("exited with code 0, but a process it started still held its output open", error.Message);
        Assert.Contains("parent done", error.Message);
    }

    [Fact]
    public void A_missing_tool_or_a_failing_one_gives_null_from_the_simple_form()
    {
        Assert.Null(ExternalTool.Run("course-no-such-tool", "--version", TimeSpan.FromSeconds(10)));
        Assert.Null(ExternalTool.Run("/bin/sh", "-c \"exit 1\"", TimeSpan.FromSeconds(10)));
        Assert.Equal("hi\n", ExternalTool.Run("/bin/sh", "-c \"echo hi\"", TimeSpan.FromSeconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExternalTool.Run(Shell("true"), TimeSpan.Zero));
    }
}

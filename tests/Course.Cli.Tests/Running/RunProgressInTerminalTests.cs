namespace Course.Cli.Tests.Running;

/// <summary>
/// `course run` with a training cell, end to end: under a pseudo-terminal (util-linux `script`) the Trainer's progress
/// crosses the worker pipe and is drawn as a live bar; with the output redirected the log has no ANSI codes. In both,
/// progress is never stored in the executed notebook.
/// </summary>
public sealed class RunProgressInTerminalTests : IDisposable
{
    private readonly string folder = CourseProcess.TempDirectory();

    public RunProgressInTerminalTests() => File.Copy(Path.Combine(CourseProcess.Fixtures, "training.ipynb"), Path.Combine(folder, "training.ipynb"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void In_a_terminal_the_training_cell_shows_a_live_bar_with_its_epoch_loss_and_time_left()
    {
        var command = $"'{CourseProcess.Executable}' run training.ipynb -o out";
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/script") { WorkingDirectory = folder, ArgumentList = { "-qefc", command, "/dev/null" } };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("COURSE_QUICK");
        var (exit, output) = CourseProcess.Run(start, TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, output);
        // The Trainer reports the last batch of every epoch however fast it runs, so the last epoch is always drawn.
        Assert.Contains("cell 1 [1/1]  epoch 2/2", output);
        Assert.Contains("batch 1000/1000", output);
        Assert.Contains(" left", output);
        Assert.Contains("\u001b[", output);
        Assert.Contains("cell 1 [1/1]", output[output.IndexOf('✓')..]);
        AssertProgressIsNotAnOutput();
    }

    [Fact]
    public void With_the_output_redirected_the_log_is_plain_text()
    {
        var (exit, log) = CourseProcess.Run(folder, "run", "training.ipynb", "-o", "out");

        Assert.True(exit == 0, log);
        Assert.DoesNotContain('\u001b', log);
        Assert.Contains("  ✓ cell 1 [1/1] ", log);
        AssertProgressIsNotAnOutput();
    }

    private void AssertProgressIsNotAnOutput()
    {
        var executed = File.ReadAllText(Path.Combine(folder, "out", "training.ipynb"));
        Assert.Contains("trained 2 epochs", executed);
        Assert.DoesNotContain("remaining", executed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"stage\"", executed, StringComparison.OrdinalIgnoreCase);
    }
}

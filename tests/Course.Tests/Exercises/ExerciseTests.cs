using Course.Exercises;
using Course.Hosting;
using Course.Notebooks.Execution;
using Course.Notebooks.Formatting;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Exercises;

public class ExerciseTests
{
    public ExerciseTests() => TorchRuntime.EnsureLoaded();

    // The exercise as a notebook would pose it: accuracy of 3 right out of 4.
    private static CheckResult CheckAccuracy(Func<double> learner) => Exercise.Check("accuracy", learner, expected: 0.75,
        hints: [(a => Math.Abs(a - 75) < 1e-9, "Accuracy is a fraction: divide by the number of examples, don't multiply by 100."),
                (a => Math.Abs(a - 0.25) < 1e-9, "That is the error rate: count the correct predictions, not the wrong ones.")]);

    private static double Solution() => 3.0 / 4;
    private static double TypicalMistake() => 1.0 / 4;
    private static double Stub() => throw new NotImplementedException();

    [Fact]
    public void Solution_passes_typical_mistake_gets_its_hint_stub_is_not_attempted()
    {
        Assert.Equal(CheckOutcome.Pass, CheckAccuracy(Solution).Outcome);
        var hint = CheckAccuracy(TypicalMistake);
        Assert.Equal(CheckOutcome.Hint, hint.Outcome);
        Assert.Equal("That is the error rate: count the correct predictions, not the wrong ones.", hint.Message);
        Assert.Equal("0.25", hint.Got);
        Assert.Equal(CheckOutcome.NotAttempted, CheckAccuracy(Stub).Outcome);
        var other = CheckAccuracy(() => 0.6);
        Assert.Equal(CheckOutcome.Wrong, other.Outcome);
        Assert.DoesNotContain("0.75", other.ToString() + other.ToHtml());
    }

    [Fact]
    public void Sentinel_stubs_and_other_exceptions_are_told_apart()
    {
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("lr", () => -1.0, 0.01, isStub: v => v == -1).Outcome);
        var crash = Exercise.Check<double>("lr", () => throw new DivideByZeroException(), 0.01);
        Assert.Equal(CheckOutcome.Wrong, crash.Outcome);
        Assert.Contains("DivideByZeroException", crash.Message);
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check<int>("wrapped", () => Task.Run(new Func<int>(() => throw new NotImplementedException())).Result, 1).Outcome);
    }

    [Fact]
    public void Tensors_compare_with_allclose_and_shape()
    {
        var expected = tensor(new float[] { 1, 2, 3 });
        Assert.True(Exercise.Check("t", () => tensor(new float[] { 1, 2, 3.0000001f }), expected).Passed);
        Assert.Equal(CheckOutcome.Wrong, Exercise.Check("t", () => tensor(new float[] { 1, 2, 4 }), expected).Outcome);
        Assert.Equal(CheckOutcome.Wrong, Exercise.Check("t", () => tensor(new float[] { 1, 2, 3 }).reshape(3, 1), expected).Outcome);
        Assert.True(Exercise.CheckValue("array", new[] { 0.1 + 0.2, 1 }, [0.3, 1]).Passed);
    }

    [Fact]
    public void Function_checks_call_the_learners_function_on_test_inputs()
    {
        Func<double, double> reference = x => Math.Max(0, x);
        (Func<double, double, bool>, string)[] hints = [((x, y) => x < 0 && y == x, "Negative inputs must become 0.")];
        double[] inputs = [-2, -0.5, 0, 3];
        Assert.True(Exercise.CheckFunction("relu", x => x > 0 ? x : 0, reference, inputs, hints).Passed);
        var hinted = Exercise.CheckFunction("relu", x => x, reference, inputs, hints);
        Assert.Equal(CheckOutcome.Hint, hinted.Outcome);
        Assert.Equal("Negative inputs must become 0.", hinted.Message);
        Assert.Equal(CheckOutcome.NotAttempted, Exercise.CheckFunction<double, double>("relu", _ => throw new NotImplementedException(), reference, inputs).Outcome);
        var wrong = Exercise.CheckFunction("relu", x => Math.Abs(x) + 1, reference, inputs, hints);
        Assert.Equal(CheckOutcome.Wrong, wrong.Outcome);
        Assert.Equal("-2", wrong.Input);
        Assert.Equal("3", wrong.Got);
    }

    [Fact]
    public void Results_are_recorded_and_shown_as_coloured_html_with_machine_readable_outcome()
    {
        var shown = new List<MimeBundle>();
        using (CellContext.Enter(new RecordingSink(shown), CancellationToken.None))
            CheckAccuracy(TypicalMistake);
        var bundle = Assert.Single(shown);
        Assert.Contains("#fff8e1", bundle.Data["text/html"]);              // amber
        Assert.Contains("\"outcome\":\"Hint\"", bundle.Data[CheckResult.MimeType]);
        Assert.StartsWith("[Hint] accuracy", bundle.PlainText);
        Assert.Contains(Exercise.Results, r => r.Name == "accuracy" && r.Outcome == CheckOutcome.Hint);
        Assert.Contains("#e8f5e9", new CheckResult("x", CheckOutcome.Pass, "ok").ToHtml());   // green
        Assert.Contains("#f5f5f5", new CheckResult("x", CheckOutcome.NotAttempted, "").ToHtml()); // grey
    }

    private sealed class RecordingSink(List<MimeBundle> shown) : IOutputSink
    {
        public void Stream(string name, string text) { }
        public void Clear(bool wait) { }
        public void Display(MimeBundle bundle, string? displayId, bool update) => shown.Add(bundle);
    }
}

using Course.Exercises;
using Course.Platform;

namespace Course.Tests.Exercises;

/// <summary>Check cells that name a catalogue exercise: <c>Exercise.Check(id, learnerFunction)</c>.</summary>
public class ExerciseCatalogueTests
{
    public ExerciseCatalogueTests() => TorchRuntime.EnsureLoaded();

    private static double[] PrecisionAndRecall(int tp, int fp, int fn) => [(double)tp / (tp + fp), (double)tp / (tp + fn)];
    private static double[] Swapped(int tp, int fp, int fn) => [(double)tp / (tp + fn), (double)tp / (tp + fp)];
    private static double[] Stub(int tp, int fp, int fn) => throw new NotImplementedException();

    [Fact]
    public void Solution_passes_typical_mistake_gets_its_hint_and_input_stub_is_not_attempted()
    {
        Assert.Equal(CheckOutcome.Pass, Exercise.Check("00-precision-recall", PrecisionAndRecall).Outcome);

        var hint = Exercise.Check("00-precision-recall", Swapped);
        Assert.Equal(CheckOutcome.Hint, hint.Outcome);
        Assert.StartsWith("Precision and recall are swapped", hint.Message);
        Assert.Equal("(90, 10, 30)", hint.Input);   // the first input where swapping shows (40, 10, 10 has P = R)
        Assert.Equal("[0.75, 0.9]", hint.Got);

        Assert.Equal(CheckOutcome.NotAttempted, Exercise.Check("00-precision-recall", Stub).Outcome);
    }

    [Fact]
    public void A_wrong_answer_shows_the_failing_input_and_never_the_expected_value()
    {
        // Recall right, precision off: no hint matches, so the generic verdict; the reference's [0.8, 0.8] must not show.
        var wrong = Exercise.Check("00-precision-recall", (int tp, int fp, int fn) => new[] { 0.5, (double)tp / (tp + fn) });
        Assert.Equal(CheckOutcome.Wrong, wrong.Outcome);
        Assert.Equal("(40, 10, 10)", wrong.Input);
        foreach (var shown in new[] { wrong.ToString(), wrong.ToHtml(), wrong.ToJson() })
        {
            Assert.DoesNotContain("expected", shown, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("0.8,", shown);
        }
        Assert.Contains("input", wrong.ToString());
    }

    [Fact]
    public void Lambdas_and_values_are_checked_like_methods()
    {
        Assert.True(Exercise.Check("00-linear-flops", (long inputs, long outputs) => 2 * inputs * outputs).Passed);
        Assert.Equal(CheckOutcome.Hint, Exercise.Check("00-linear-flops", (long inputs, long outputs) => inputs * outputs).Outcome);
        Assert.True(Exercise.Check("01-noise-floor", () => 0.25).Passed);
        var zero = Exercise.Check("01-noise-floor", () => 0.0);
        Assert.Equal(CheckOutcome.Hint, zero.Outcome);
        Assert.Null(zero.Input);
    }

    [Fact]
    public void A_function_with_the_wrong_signature_is_told_what_the_exercise_expects()
    {
        var result = Exercise.Check("00-linear-flops", (int inputs, int outputs) => 2 * inputs * outputs);
        Assert.Equal(CheckOutcome.Wrong, result.Outcome);
        Assert.Contains("long LinearFlops(long inputs, long outputs)", result.Message);
        Assert.Contains("int (int inputs, int outputs)", result.Message);
        Assert.Contains("2 parameters (long, long) returning long", result.Message);

        var noParameters = Exercise.Check("00-p95", () => 1.0);
        Assert.Contains("one parameter (double[]) returning double", noParameters.Message);
    }

    [Fact]
    public void Unknown_ids_name_the_nearest_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Exercise.Check("00-precision-recal", PrecisionAndRecall));
        Assert.Contains("\"00-precision-recal\"", error.Message);
        Assert.Contains("Nearest ids: 00-precision-recall", error.Message);
    }

    [Fact]
    public void Other_exceptions_are_reported_as_what_the_learners_code_threw()
    {
        var crash = Exercise.Check("00-standard-error", (double accuracy, int n) => accuracy / (n - n) > 0 ? throw new DivideByZeroException("n − n") : 0.0);
        Assert.Equal(CheckOutcome.Wrong, crash.Outcome);
        Assert.Equal("Your code threw DivideByZeroException: n − n", crash.Message);
    }
}

using System.Collections.Concurrent;
using Course.Formatting;
using Course.Hosting;

namespace Course.Exercises;

/// <summary>
/// Check cells for notebook exercises. The learner's answer is passed as a function (<c>() =&gt; MyAnswer()</c> or the
/// method itself) so the check can run it: an untouched stub <c>=&gt; throw new NotImplementedException()</c> is then
/// reported as "not attempted yet" instead of crashing the cell. A known wrong answer gets its specific hint, any
/// other wrong answer a generic "not quite" with expected vs. got. Each check shows its result and returns it;
/// end the check line with <c>;</c> so the notebook does not show it twice. Results are also kept in
/// <see cref="Results"/> and carry a <see cref="CheckResult.MimeType"/> output, so tests can assert on them.
/// </summary>
public static class Exercise
{
    private static readonly ConcurrentQueue<CheckResult> History = new();

    /// <summary>Every check made in this process, oldest first.</summary>
    public static IReadOnlyList<CheckResult> Results => History.ToArray();

    /// <summary>Forgets the recorded results (tests call it before running a notebook).</summary>
    public static void ClearResults() => History.Clear();

    /// <summary>
    /// Checks the value <paramref name="answer"/> produces against <paramref name="expected"/> (numbers within
    /// <paramref name="tolerance"/>, tensors allclose, sequences element-wise). <paramref name="hints"/> pair a
    /// test for a known wrong answer with advice for it; <paramref name="isStub"/> recognises a sentinel the stub returns.
    /// </summary>
    public static CheckResult Check<T>(string name, Func<T> answer, T expected,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null, double tolerance = 1e-6) =>
        Run(name, answer, got => Answers.Match(got, expected, tolerance), Answers.Describe(expected), hints, isStub);

    /// <summary>Checks the value <paramref name="answer"/> produces with a predicate, for questions with more than one right answer.</summary>
    public static CheckResult Check<T>(string name, Func<T> answer, Func<T, bool> isCorrect, string? expectedDescription = null,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null) =>
        Run(name, answer, isCorrect, expectedDescription, hints, isStub);

    /// <summary>Checks a value the learner already computed (a stub that throws cannot be detected this way; prefer the function forms).</summary>
    public static CheckResult CheckValue<T>(string name, T answer, T expected,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null, double tolerance = 1e-6) =>
        Check(name, () => answer, expected, hints, isStub, tolerance);

    /// <summary>
    /// Calls the learner's function on each of <paramref name="inputs"/> and compares with <paramref name="reference"/>.
    /// At the first input where they differ, <paramref name="hints"/> see (input, learner's output) to pick advice.
    /// </summary>
    public static CheckResult CheckFunction<TIn, TOut>(string name, Func<TIn, TOut> learner, Func<TIn, TOut> reference, IEnumerable<TIn> inputs,
        IEnumerable<(Func<TIn, TOut, bool> When, string Hint)>? hints = null, double tolerance = 1e-6)
    {
        CheckResult result;
        try
        {
            result = new CheckResult(name, CheckOutcome.Pass, "Matches the reference on every test input.");
            foreach (var input in inputs)
            {
                var got = learner(input);
                var expected = reference(input);
                if (Answers.Match(got, expected, tolerance)) continue;
                var hint = FirstHint(hints, h => h.When(input, got), h => h.Hint);
                result = hint is not null
                    ? new CheckResult(name, CheckOutcome.Hint, hint, Answers.Describe(expected), Answers.Describe(got))
                    : new CheckResult(name, CheckOutcome.Wrong, $"Differs from the reference for input {Answers.Describe(input)}.", Answers.Describe(expected), Answers.Describe(got));
                break;
            }
        }
        catch (Exception e)
        {
            result = Failed(name, e);
        }
        return Show(result);
    }

    private static CheckResult Run<T>(string name, Func<T> answer, Func<T, bool> isCorrect, string? expected,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints, Func<T, bool>? isStub)
    {
        ArgumentNullException.ThrowIfNull(answer);
        CheckResult result;
        try
        {
            var got = answer();
            if (isStub is not null && isStub(got))
                result = NotAttempted(name);
            else if (isCorrect(got))
                result = new CheckResult(name, CheckOutcome.Pass, "Well done.");
            else if (FirstHint(hints, h => h.When(got), h => h.Hint) is { } hint)
                result = new CheckResult(name, CheckOutcome.Hint, hint, expected, Answers.Describe(got));
            else
                result = new CheckResult(name, CheckOutcome.Wrong, "That is not the answer yet. Compare with the expected value and re-read the task.", expected, Answers.Describe(got));
        }
        catch (Exception e)
        {
            result = Failed(name, e);
        }
        return Show(result);
    }

    private static CheckResult Failed(string name, Exception e) => Answers.IsStub(e)
        ? NotAttempted(name)
        : new CheckResult(name, CheckOutcome.Wrong, $"Your code threw {e.GetType().Name}: {e.Message}");

    private static CheckResult NotAttempted(string name) =>
        new(name, CheckOutcome.NotAttempted, "Replace the `throw new NotImplementedException()` (or placeholder) with your answer, run that cell, then run this check again.");

    /// <summary>The first hint whose test holds; a hint test that throws just does not match.</summary>
    private static string? FirstHint<THint>(IEnumerable<THint>? hints, Func<THint, bool> when, Func<THint, string> text)
    {
        foreach (var hint in hints ?? [])
        {
            try { if (when(hint)) return text(hint); }
            catch (Exception) { /* a hint written for another kind of mistake may not apply to this answer */ }
        }
        return null;
    }

    private static CheckResult Show(CheckResult result)
    {
        History.Enqueue(result);
        CourseFormatters.RegisterAll();
        Display.Show(result);
        return result;
    }
}

using System.Collections.Concurrent;
using Course.Formatting;
using Course.Hosting;

namespace Course.Exercises;

/// <summary>
/// Check cells for notebook exercises. A check cell names the exercise and passes the learner's function:
/// <c>Exercise.Check("00-precision-recall", PrecisionAndRecall);</c> (or <c>() =&gt; myValue</c> for a value). The
/// reference answer, test inputs and hints live in the library's <see cref="ExerciseCatalogue"/>, so neither the
/// notebook nor a learner's copy shows them. An untouched stub (<c>=&gt; throw new NotImplementedException()</c>) is
/// reported as "not attempted yet"; a known mistake gets its specific hint with the input it failed on. Each check
/// shows its result and returns it; end the check line with <c>;</c> so the notebook does not show it twice.
/// Results are also kept in <see cref="Results"/> and carry a <see cref="CheckResult.MimeType"/> output, so tests
/// and the workshop grader can read them.
/// </summary>
public static class Exercise
{
    private static readonly ConcurrentQueue<CheckResult> History = new();

    /// <summary>Every check made in this process, oldest first.</summary>
    public static IReadOnlyList<CheckResult> Results => History.ToArray();

    /// <summary>Forgets the recorded results (tests call it before running a notebook).</summary>
    public static void ClearResults() => History.Clear();

    /// <summary>
    /// Checks the learner's function <paramref name="learner"/> against catalogue exercise <paramref name="id"/>. A
    /// function with other parameters or return type than the exercise asks for gets a verdict saying which. An
    /// unknown id throws <see cref="ArgumentException"/> naming the nearest ids.
    /// </summary>
    public static CheckResult Check(string id, Delegate learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var exercise = ExerciseCatalogue.Find(id);
        CheckResult result;
        try
        {
            result = exercise.Judge(learner);
        }
        catch (SignatureMismatchException e)
        {
            result = new CheckResult(id, CheckOutcome.Wrong, e.Message);
        }
        catch (Exception e)
        {
            result = Failed(id, e);
        }
        return Show(result);
    }

    // The forms below take the reference answer in the check cell itself, so the notebook shows it: they remain
    // for exercises not yet moved into the catalogue. New exercises go into the catalogue (see docs/library.md).

    /// <summary>
    /// Checks the value <paramref name="answer"/> produces against <paramref name="expected"/> (numbers within
    /// <paramref name="tolerance"/>, tensors allclose, sequences element-wise). <paramref name="hints"/> pair a
    /// test for a known wrong answer with advice for it; <paramref name="isStub"/> recognises a sentinel the stub returns.
    /// </summary>
    public static CheckResult Check<T>(string name, Func<T> answer, T expected,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null, double tolerance = 1e-6) =>
        Run(name, answer, got => Answers.Match(got, expected, tolerance), hints, isStub);

    /// <summary>Checks the value <paramref name="answer"/> produces with a predicate, for questions with more than one right answer.</summary>
    public static CheckResult Check<T>(string name, Func<T> answer, Func<T, bool> isCorrect,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null) =>
        Run(name, answer, isCorrect, hints, isStub);

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
                    ? new CheckResult(name, CheckOutcome.Hint, hint, Answers.Describe(got), Answers.Describe(input))
                    : new CheckResult(name, CheckOutcome.Wrong, "Not right for this input yet: work it out by hand for this input and compare.", Answers.Describe(got), Answers.Describe(input));
                break;
            }
        }
        catch (Exception e)
        {
            result = Failed(name, e);
        }
        return Show(result);
    }

    private static CheckResult Run<T>(string name, Func<T> answer, Func<T, bool> isCorrect,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints, Func<T, bool>? isStub)
    {
        ArgumentNullException.ThrowIfNull(answer);
        CheckResult result;
        try
        {
            var got = answer();
            if (isStub is not null && isStub(got))
                result = CheckResult.NotAttempted(name);
            else if (isCorrect(got))
                result = new CheckResult(name, CheckOutcome.Pass, "Well done.");
            else if (FirstHint(hints, h => h.When(got), h => h.Hint) is { } hint)
                result = new CheckResult(name, CheckOutcome.Hint, hint, Answers.Describe(got));
            else
                result = new CheckResult(name, CheckOutcome.Wrong, "That is not the answer yet: re-read the task.", Answers.Describe(got));
        }
        catch (Exception e)
        {
            result = Failed(name, e);
        }
        return Show(result);
    }

    private static CheckResult Failed(string name, Exception e) => Answers.IsStub(e)
        ? CheckResult.NotAttempted(name)
        : new CheckResult(name, CheckOutcome.Wrong, $"Your code threw {e.GetType().Name}: {e.Message}");

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

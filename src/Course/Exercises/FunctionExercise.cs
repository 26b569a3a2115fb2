using System.Reflection;

namespace Course.Exercises;

/// <summary>
/// An exercise whose answer is a pure function: the learner's function is called on each test input and compared
/// with <c>reference</c> (numbers within the tolerance, tensors allclose, sequences and tuples item by item). At the
/// first input where they differ, the hints see (input, learner's result) and the first that holds gives its advice;
/// the learner sees that advice, the input and their own result — never the reference's.
/// </summary>
/// <typeparam name="TIn">One test input: a tuple holds the learner's parameters in order, <see cref="ValueTuple"/> means none.</typeparam>
/// <typeparam name="TOut">What the learner's function returns.</typeparam>
public sealed class FunctionExercise<TIn, TOut> : ExerciseDefinition
{
    private readonly Func<TIn, TOut> reference;
    private readonly Func<IEnumerable<TIn>> inputs;
    private readonly IReadOnlyList<(Func<TIn, TOut, bool> When, string Hint)> hints;
    private readonly Func<TOut, bool>? isStub;
    private readonly double tolerance;

    /// <param name="id">The exercise id.</param>
    /// <param name="task">The learner's function as the notebook states it.</param>
    /// <param name="reference">The right answer for an input.</param>
    /// <param name="inputs">The test inputs (made when a check runs, so costly ones cost only then).</param>
    /// <param name="hints">Tests for known mistakes, each with its advice; a test that throws does not match.</param>
    /// <param name="isStub">Recognises a sentinel the stub returns instead of throwing.</param>
    /// <param name="tolerance">Numbers match when |a − b| ≤ tolerance·(1 + |b|).</param>
    public FunctionExercise(string id, string task, Func<TIn, TOut> reference, Func<IEnumerable<TIn>> inputs,
        IEnumerable<(Func<TIn, TOut, bool> When, string Hint)>? hints = null, Func<TOut, bool>? isStub = null, double tolerance = 1e-6)
        : base(id, task)
    {
        this.reference = reference;
        this.inputs = inputs;
        this.hints = [.. hints ?? []];
        this.isStub = isStub;
        this.tolerance = tolerance;
    }

    /// <summary>The same, with the test inputs given as a list.</summary>
    public FunctionExercise(string id, string task, Func<TIn, TOut> reference, IReadOnlyList<TIn> inputs,
        IEnumerable<(Func<TIn, TOut, bool> When, string Hint)>? hints = null, Func<TOut, bool>? isStub = null, double tolerance = 1e-6)
        : this(id, task, reference, () => inputs, hints, isStub, tolerance) { }

    /// <inheritdoc/>
    public override CheckResult Judge(Delegate learner)
    {
        LearnerFunction.Require(this, learner, LearnerFunction.ParametersOf(typeof(TIn)), typeof(TOut));
        foreach (var input in inputs())
        {
            var got = Call(learner, input);
            if (isStub is not null && isStub(got)) return NotAttempted();
            if (Answers.Match(got, reference(input), tolerance)) continue;
            var shown = typeof(TIn) == typeof(ValueTuple) ? null : Answers.Describe(input);
            return FirstHint(input, got) is { } hint
                ? Hint(hint, shown, got)
                : Wrong(shown is null ? "Not the answer yet: re-read the task." : "Not right for this input yet: work it out by hand for this input and compare.", shown, got);
        }
        return Pass();
    }

    private static TOut Call(Delegate learner, TIn input)
    {
        try
        {
            return (TOut)learner.DynamicInvoke(LearnerFunction.ArgumentsOf(input))!;
        }
        catch (TargetInvocationException e) when (e.InnerException is { } thrown)
        {
            // The learner's own exception, not reflection's wrapper, is what they need to see.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
            throw;
        }
    }

    private string? FirstHint(TIn input, TOut got)
    {
        foreach (var (when, hint) in hints)
        {
            try { if (when(input, got)) return hint; }
            catch (Exception) { /* a hint written for another kind of mistake may not apply to this answer */ }
        }
        return null;
    }
}

/// <summary>Shorthands for catalogue entries.</summary>
public static class FunctionExercise
{
    /// <summary>
    /// An exercise whose answer is one value, produced by a function without parameters (a method like
    /// <c>double LowestPossibleMse()</c> or a lambda <c>() =&gt; myValue</c>).
    /// </summary>
    public static FunctionExercise<ValueTuple, T> Value<T>(string id, string task, T expected,
        IEnumerable<(Func<T, bool> When, string Hint)>? hints = null, Func<T, bool>? isStub = null, double tolerance = 1e-6) =>
        new(id, task, _ => expected, [default], hints?.Select(h => (new Func<ValueTuple, T, bool>((_, got) => h.When(got)), h.Hint)), isStub, tolerance);
}

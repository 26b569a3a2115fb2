namespace Course.Exercises;

/// <summary>
/// One exercise of the catalogue: what the learner must write and how to judge it. The reference answer, the test
/// inputs and the hints live here, in the library, so notebooks (and the copies learners get) never show them.
/// Pure functions use <see cref="FunctionExercise{TIn, TOut}"/>; an exercise that must train a model or inspect how
/// an answer was reached derives from this class and writes its own <see cref="Judge"/>.
/// </summary>
/// <param name="id">The id check cells name, e.g. <c>00-precision-recall</c> (the stub cell's <c>course.exercise</c>).</param>
/// <param name="task">The learner's function as the notebook states it, e.g. <c>double[] PrecisionAndRecall(int tp, int fp, int fn)</c>.</param>
public abstract class ExerciseDefinition(string id, string task)
{
    /// <summary>The exercise id.</summary>
    public string Id { get; } = id;

    /// <summary>The signature the learner's function must have, in C#.</summary>
    public string Task { get; } = task;

    /// <summary>
    /// Judges the learner's function. A stub that throws <see cref="NotImplementedException"/> may simply let it
    /// escape (the caller reports "not attempted"); any other exception is reported as what the learner's code threw.
    /// </summary>
    public abstract CheckResult Judge(Delegate learner);

    /// <summary>The learner's function as <typeparamref name="TFunction"/>, or a <see cref="SignatureMismatchException"/> saying what differs.</summary>
    protected TFunction Bind<TFunction>(Delegate learner) where TFunction : Delegate =>
        learner as TFunction ?? (TFunction)LearnerFunction.Bind(this, learner, typeof(TFunction));

    /// <summary>The verdict for a correct answer.</summary>
    protected CheckResult Pass(string message = "Matches the reference on every test input.") => new(Id, CheckOutcome.Pass, message);

    /// <summary>A known mistake: its advice, the input it showed on and what the learner's code returned there.</summary>
    protected CheckResult Hint(string hint, string? input, object? got) => new(Id, CheckOutcome.Hint, hint, Answers.Describe(got), input);

    /// <summary>A wrong answer no hint anticipated: the input it failed on, never the expected value.</summary>
    protected CheckResult Wrong(string message, string? input, object? got) => new(Id, CheckOutcome.Wrong, message, Answers.Describe(got), input);

    /// <summary>The stub is untouched.</summary>
    protected CheckResult NotAttempted() => CheckResult.NotAttempted(Id);
}

/// <summary>The learner's function has other parameters or another return type than the exercise asks for.</summary>
public sealed class SignatureMismatchException(string message) : Exception(message);

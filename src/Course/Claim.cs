namespace Course;

/// <summary>
/// A statement a notebook makes about a number it just measured. It is printed with a tick when it holds; when it
/// does not, the cell fails, so a course run can never publish a claim its own results contradict.
/// </summary>
public static class Claim
{
    /// <summary>Prints "✔ statement" when <paramref name="holds"/>; otherwise throws <see cref="ClaimFailedException"/>.</summary>
    public static void That(bool holds, string statement)
    {
        if (!holds) throw new ClaimFailedException(statement);
        Console.WriteLine($"✔ {statement}");
    }
}

/// <summary>A notebook's claim did not hold for the numbers measured in this run.</summary>
public sealed class ClaimFailedException(string statement)
    : InvalidOperationException($"Claim failed: {statement}. The measured numbers above contradict the text; look at them before changing the claim.");

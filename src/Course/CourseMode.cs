namespace Course;

/// <summary>How much work the course does: full runs, or quick ones for CI and slow machines.</summary>
public static class CourseMode
{
    /// <summary>Environment variable that switches quick mode on (<c>1</c>, <c>true</c>, <c>yes</c> or <c>on</c>).</summary>
    public const string QuickVariable = "COURSE_QUICK";

    /// <summary>
    /// True when <see cref="QuickVariable"/> is 1/true/yes/on: notebooks then train on fewer examples and epochs
    /// (their parameters cell reads this) so that the whole course runs in minutes.
    /// </summary>
    public static bool Quick => IsOn(Environment.GetEnvironmentVariable(QuickVariable));

    internal static bool IsOn(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}

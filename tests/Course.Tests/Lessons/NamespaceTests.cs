namespace Course.Tests.Lessons;

public sealed class NamespaceTests
{
    /// <summary>
    /// Notebooks import every Course.* namespace at once (see CourseEngineFactory), so two public types with the same
    /// name in different namespaces would make a cell that uses either one fail to compile.
    /// </summary>
    [Fact]
    public void Public_type_names_are_unique_across_the_library_namespaces()
    {
        var clashes = typeof(Claim).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested)
            .GroupBy(t => t.Name)
            .Where(g => g.Select(t => t.Namespace).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();
        Assert.True(clashes.Count == 0, "ambiguous in notebooks:\n" + string.Join("\n", clashes));
    }
}

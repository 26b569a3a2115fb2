namespace Course.Notebooks.Tests.Documents;

/// <summary>The fixture notebooks in tests/fixtures/notebooks, found from the test's output folder.</summary>
internal static class Fixtures
{
    public static string Directory { get; } = Find();

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "notebooks");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fixtures/notebooks not found above " + AppContext.BaseDirectory);
    }
}

namespace Course.Data;

/// <summary>Finds the repository's <c>datasets/</c> folder, wherever the notebook, test or tool runs from.</summary>
public static class DatasetPaths
{
    /// <summary>Environment variable naming the datasets folder explicitly.</summary>
    public const string Variable = "COURSE_DATASETS";

    /// <summary>The folder holding one dataset, e.g. <c>Find("mnist")</c>.</summary>
    public static string Find(string dataset)
    {
        string? configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            string dir = Path.Combine(configured, dataset);
            if (Directory.Exists(dir)) return dir;
            throw new DatasetException($"{Variable}={configured}, but {dir} does not exist. Point {Variable} at the course's datasets/ folder or unset it.");
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "datasets", dataset);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DatasetException(
            $"Could not find datasets/{dataset} above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}. " +
            $"Run from inside the course repository, or set {Variable} to its datasets/ folder.");
    }
}

using Course.Notebooks.Documents;

namespace Course.Notebooks.Running;

/// <summary>Which notebooks a `course run` covers and where each executed copy goes.</summary>
/// <param name="Source">The notebook file.</param>
/// <param name="Output">Where the executed notebook is written (.ipynb).</param>
public sealed record NotebookJob(string Source, string Output)
{
    /// <summary>
    /// The notebooks at <paramref name="path"/> (one file, or every .ipynb/.dib directly in a folder, in name
    /// order) and their output paths: in <paramref name="outputDirectory"/>, or over the source when
    /// <paramref name="inPlace"/> (a .dib, which cannot hold outputs, gets an .ipynb beside it).
    /// </summary>
    public static IReadOnlyList<NotebookJob> Plan(string path, string outputDirectory, bool inPlace)
    {
        IEnumerable<string> sources;
        if (Directory.Exists(path))
            sources = Directory.EnumerateFiles(path)
                .Where(f => NotebookFile.Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        else if (File.Exists(path))
            sources = [path];
        else
            throw new NotebookFormatException($"{path}: no such notebook or folder.");
        var jobs = sources.Select(source => new NotebookJob(source, inPlace
            ? Path.ChangeExtension(source, ".ipynb")
            : Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(source) + ".ipynb"))).ToList();
        if (jobs.Count == 0) throw new NotebookFormatException($"{path} holds no .ipynb or .dib notebooks.");
        if (!inPlace && jobs.FirstOrDefault(j => Path.GetFullPath(j.Output) == Path.GetFullPath(j.Source)) is { } clash)
            throw new NotebookFormatException($"The output folder is the notebook's own folder, so {clash.Source} would be overwritten. Choose another -o folder, or pass --in-place if that is what you want.");
        return jobs;
    }
}

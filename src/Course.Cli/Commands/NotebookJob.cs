using Course.Notebooks.Documents;

namespace Course.Cli.Commands;

/// <summary>
/// Which notebooks a `course run` covers and where each executed copy goes: the command line's knowledge (-o,
/// --in-place and their error messages), kept out of the engine.
/// </summary>
/// <param name="Source">The notebook file.</param>
/// <param name="Output">Where the executed notebook is written (.ipynb).</param>
public sealed record NotebookJob(string Source, string Output)
{
    /// <summary>
    /// The notebooks at <paramref name="path"/> (one file, or every .ipynb/.dib directly in a folder, in name
    /// order) and their output paths: in <paramref name="outputDirectory"/>, or over the source when
    /// <paramref name="inPlace"/> (a .dib, which cannot hold outputs, gets an .ipynb beside it).
    /// </summary>
    /// <exception cref="NotebookFormatException">
    /// Nothing to run, or an output would replace a source or another output: checked before anything runs,
    /// through symbolic links and, where the file system ignores case, letter case.
    /// </exception>
    public static IReadOnlyList<NotebookJob> Plan(string path, string outputDirectory, bool inPlace) =>
        Plan(path, outputDirectory, inPlace, names: null);

    /// <param name="names">How file names compare; by default as the file system holding the output compares them
    /// (<see cref="FilePaths.ComparisonAt"/>). Tests pass OrdinalIgnoreCase to see what a Mac or Windows disk sees.</param>
    internal static IReadOnlyList<NotebookJob> Plan(string path, string outputDirectory, bool inPlace, StringComparison? names)
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
        if (!inPlace && File.Exists(outputDirectory))
            throw new NotebookFormatException($"-o {outputDirectory} is a file; -o names the folder the executed notebooks go to. Choose a folder (it is created when missing).");
        var jobs = sources.Select(source => new NotebookJob(source, inPlace
            ? Path.ChangeExtension(source, ".ipynb")
            : Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(source) + ".ipynb"))).ToList();
        if (jobs.Count == 0) throw new NotebookFormatException($"{path} holds no .ipynb or .dib notebooks.");
        CheckOutputs(jobs, inPlace, names ?? FilePaths.ComparisonAt(jobs[0].Output));
        return jobs;
    }

    private static void CheckOutputs(List<NotebookJob> jobs, bool inPlace, StringComparison comparison)
    {
        var sources = jobs.Select(j => (j.Source, Real: FilePaths.Real(j.Source))).ToList();
        var written = new Dictionary<string, NotebookJob>(StringComparer.FromComparison(comparison));
        foreach (var job in jobs)
        {
            var output = FilePaths.Real(job.Output);
            if (written.TryGetValue(output, out var other))
                throw new NotebookFormatException(
                    $"{other.Source} and {job.Source} would both be written to {job.Output}. Rename one of them, or run them separately" +
                    (inPlace ? " (a .dib and an .ipynb of the same name cannot both be run --in-place)." : " with different -o folders."));
            written[output] = job;
        }
        foreach (var (output, job) in written)
        {
            if (Directory.Exists(output))
                throw new NotebookFormatException($"{job.Source} would be written to {job.Output}, which is a folder. Rename or move that folder, or choose another -o.");
            if (inPlace && !FilePaths.Same(job.Source, job.Output) && File.Exists(job.Output) && !sources.Any(s => string.Equals(s.Real, output, comparison)))
                throw new NotebookFormatException($"Running {job.Source} --in-place writes {job.Output}, which already exists and would be replaced. Move it away, or run with -o FOLDER instead.");
            foreach (var (source, real) in sources)
            {
                if (!string.Equals(real, output, comparison) || inPlace && source == job.Source) continue;
                throw new NotebookFormatException(source == job.Source
                    ? $"The output folder is the notebook's own folder, so {job.Source} would be overwritten. Choose another -o folder, or pass --in-place if that is what you want."
                    : $"{job.Source} would be written to {job.Output}, which is the notebook {source} itself. Choose another -o folder, or rename one of them.");
            }
        }
    }
}

using System.Globalization;
using System.Text;
using Course.Experiments;

namespace Course.Cli.Workshop;

/// <summary>The submissions of a workshop and the grade sheet they give.</summary>
public static class GradeSheet
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly string[] Columns = ["learner", "notebook", "exercise", "points", "possible", "verdict", "flag"];

    /// <summary>
    /// The notebooks in a folder of submissions with who submitted each: <c>FOLDER/LEARNER/…/NAME.ipynb</c> belongs to
    /// LEARNER (nbgrader's submitted/ layout too), <c>FOLDER/NAME.ipynb</c> to NAME. Jupyter's checkpoint copies are skipped.
    /// </summary>
    public static IReadOnlyList<(string Path, string Learner)> Submissions(string folder)
    {
        var root = Path.GetFullPath(folder);
        return [.. Directory.EnumerateFiles(root, "*.ipynb", SearchOption.AllDirectories)
            .Select(path => (Path: path, Parts: Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar)))
            .Where(f => !f.Parts.Contains(".ipynb_checkpoints"))
            .Select(f => (f.Path, Learner: f.Parts.Length > 1 ? f.Parts[0] : Path.GetFileNameWithoutExtension(f.Path)))
            .OrderBy(f => f.Learner, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>The rows as RFC 4180 CSV with a header line.</summary>
    public static string ToCsv(IEnumerable<GradeRow> rows)
    {
        var text = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var r in rows)
            text.Append(string.Join(",", new[] { r.Learner, r.Notebook, r.Exercise, Number(r.Points), Number(r.Possible), r.Verdict, r.Flag }.Select(Csv.Quote))).Append('\n');
        return text.ToString();
    }

    /// <summary>Points as the sheet writes them: 1, 0.5.</summary>
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

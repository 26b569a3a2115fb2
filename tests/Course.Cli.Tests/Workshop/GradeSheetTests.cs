using Course.Cli.Tests.Doctor;
using Course.Cli.Workshop;

namespace Course.Cli.Tests.Workshop;

public sealed class GradeSheetTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Learners_are_the_subfolders_or_the_file_names_and_checkpoints_are_skipped()
    {
        foreach (var file in new[] { "ada/01-x.ipynb", "ben/course/00-y.ipynb", "cleo.ipynb", "ada/.ipynb_checkpoints/01-x-checkpoint.ipynb", "notes.txt" })
        {
            var path = Path.Combine(dir.Path, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "{}");
        }
        Assert.Equal([("ada", "01-x.ipynb"), ("ben", "00-y.ipynb"), ("cleo", "cleo.ipynb")],
            GradeSheet.Submissions(dir.Path).Select(s => (s.Learner, Path.GetFileName(s.Path))));
    }

    [Fact]
    public void The_sheet_is_csv_with_a_header_and_quoted_verdicts()
    {
        var csv = GradeSheet.ToCsv([new GradeRow("ada", "01-x.ipynb", "01-mse", 1, 1, "Pass: Matches the reference, on every input.", ""),
                                    new GradeRow("eve", "01-x.ipynb", "01-mse", 0, 1, "NotAttempted: \"stub\"", "imitates the checks: cell 1 declares its own type Exercise")]);
        var records = Course.Experiments.Csv.Parse(csv);
        Assert.Equal(GradeSheet.Columns, records[0]);
        Assert.Equal(["ada", "01-x.ipynb", "01-mse", "1", "1", "Pass: Matches the reference, on every input.", ""], records[1]);
        Assert.Equal("NotAttempted: \"stub\"", records[2][5]);
    }
}

using Course.Cli.Commands;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Running;

/// <summary>Output paths that would replace a source are refused when the run is planned, before anything runs.</summary>
public sealed class NotebookJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("course-plan-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name, params string[] notebooks)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        foreach (var notebook in notebooks) File.WriteAllText(Path.Combine(folder, notebook), "{}");
        return folder;
    }

    [Fact]
    public void Output_folder_equal_to_the_source_folder_is_refused()
    {
        var source = Folder("nb", "a.ipynb");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, source, inPlace: false));
        Assert.Contains("own folder", e.Message);
    }

    // This machine's file systems tell capitals apart; a Mac's or a Windows laptop's do not. Planning with the
    // comparison such a disk uses shows what a learner there gets.
    [Fact]
    public void On_a_case_insensitive_disk_an_output_folder_differing_only_in_case_is_the_source_folder()
    {
        var source = Folder("Notebooks", "a.ipynb");
        var output = Path.Combine(root, "notebooks");
        Assert.Equal(StringComparison.Ordinal, FilePaths.ComparisonAt(source)); // the probe sees this disk as it is
        Assert.NotEmpty(NotebookJob.Plan(source, output, inPlace: false, names: StringComparison.Ordinal));
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, output, inPlace: false, names: StringComparison.OrdinalIgnoreCase));
        Assert.Contains("own folder", e.Message);
    }

    [Fact]
    public void On_a_case_insensitive_disk_in_place_twins_differing_only_in_case_are_refused()
    {
        var source = Folder("nb", "Lesson.ipynb", "lesson.dib");
        Assert.Equal(2, NotebookJob.Plan(source, source, inPlace: true, names: StringComparison.Ordinal).Count);
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, source, inPlace: true, names: StringComparison.OrdinalIgnoreCase));
        Assert.Contains("would both be written", e.Message);
    }

    [Fact]
    public void Output_folder_that_is_a_symlink_to_the_source_folder_is_refused()
    {
        var source = Folder("nb", "a.ipynb");
        var link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, source);
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, link, inPlace: false));
        Assert.Contains("a.ipynb would be overwritten", e.Message);
    }

    [Fact]
    public void An_output_file_that_links_to_a_source_is_refused()
    {
        var source = Folder("nb", "a.ipynb", "b.ipynb");
        var output = Folder("out");
        File.CreateSymbolicLink(Path.Combine(output, "a.ipynb"), Path.Combine(source, "b.ipynb"));
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, output, inPlace: false));
        Assert.Contains("which is the notebook", e.Message);
        Assert.Contains("b.ipynb", e.Message);
    }

    [Fact]
    public void Ipynb_and_dib_twins_in_place_are_refused()
    {
        var source = Folder("nb", "a.ipynb", "a.dib");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, "unused", inPlace: true));
        Assert.Contains("would both be written to", e.Message);
        Assert.Contains(".dib and an .ipynb", e.Message);
    }

    [Fact]
    public void A_dib_in_place_next_to_an_ipynb_outside_the_batch_is_refused()
    {
        var source = Folder("nb", "a.ipynb", "a.dib");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(Path.Combine(source, "a.dib"), "unused", inPlace: true));
        Assert.Contains("already exists and would be replaced", e.Message);
    }

    [Fact]
    public void Two_sources_with_one_output_are_refused()
    {
        var source = Folder("nb", "a.ipynb", "a.dib");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, Path.Combine(root, "out"), inPlace: false));
        Assert.Contains("would both be written to", e.Message);
    }

    [Fact]
    public void An_output_that_names_an_existing_file_is_refused()
    {
        var source = Folder("nb", "a.ipynb");
        var file = Path.Combine(root, "notes.txt");
        File.WriteAllText(file, "keep me");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, file, inPlace: false));
        Assert.Contains("is a file", e.Message);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void An_output_path_that_is_a_folder_is_refused()
    {
        var source = Folder("nb", "a.ipynb");
        Directory.CreateDirectory(Path.Combine(root, "out", "a.ipynb"));
        var e = Assert.Throws<NotebookFormatException>(() => NotebookJob.Plan(source, Path.Combine(root, "out"), inPlace: false));
        Assert.Contains("which is a folder", e.Message);
    }

    [Fact]
    public void Ordinary_plans_still_pass()
    {
        var source = Folder("nb", "a.ipynb", "b.dib");
        var jobs = NotebookJob.Plan(source, Path.Combine(root, "out"), inPlace: false);
        Assert.Equal(["a.ipynb", "b.ipynb"], jobs.Select(j => Path.GetFileName(j.Output)));
        var inPlace = NotebookJob.Plan(Path.Combine(source, "a.ipynb"), "unused", inPlace: true);
        Assert.Equal(Path.Combine(source, "a.ipynb"), inPlace.Single().Output);
    }
}

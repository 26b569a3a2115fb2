using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Documents;

public sealed class FilePathsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("course-paths-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name, params string[] files)
    {
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        foreach (var file in files) File.WriteAllText(Path.Combine(folder, file), "{}");
        return folder;
    }

    [Fact]
    public void File_paths_follow_links_and_compare_by_the_file_system_s_rules()
    {
        var source = Folder("nb", "a.ipynb");
        var link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, "nb"); // relative target
        Assert.True(FilePaths.Same(Path.Combine(link, "a.ipynb"), Path.Combine(source, "a.ipynb")));
        Assert.False(FilePaths.Same(Path.Combine(link, "b.ipynb"), Path.Combine(source, "a.ipynb")));
        // Linux file systems here tell case apart: A.ipynb is another file.
        Assert.Equal(StringComparison.Ordinal, FilePaths.ComparisonAt(source));
    }

    [Fact]
    public void A_link_loop_is_an_io_error_not_a_hang()
    {
        var a = Path.Combine(root, "a");
        var b = Path.Combine(root, "b");
        Directory.CreateSymbolicLink(a, b);
        Directory.CreateSymbolicLink(b, a);
        Assert.Throws<IOException>(() => FilePaths.Real(Path.Combine(a, "x.ipynb")));
    }
}

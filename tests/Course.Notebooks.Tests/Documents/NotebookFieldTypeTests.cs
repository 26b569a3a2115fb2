using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Documents;

/// <summary>Hand-edited notebooks with a field of the wrong type: one sentence naming the file, the cell and the field.</summary>
public class NotebookFieldTypeTests
{
    private static string Notebook(string cell, string minor = "5") =>
        $$"""{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# t"}, {{cell}}], "metadata": {}, "nbformat": 4, "nbformat_minor": {{minor}}}""";

    private const string Good = """{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["1 + 1"]}""";

    [Theory]
    [InlineData(Good, "\"5\"", "\"nbformat_minor\" must be a whole number, not \"5\"")]
    [InlineData("""{"cell_type": 7, "source": "x"}""", "5", "cell 2: \"cell_type\" must be a string")]
    [InlineData("""{"cell_type": "code", "source": ["a", 3]}""", "5", "cell 2: \"source\" must be a string or a list of strings, not [\"a\",3]")]
    [InlineData("""{"cell_type": "code", "source": {"a": 1}}""", "5", "cell 2: \"source\"")]
    [InlineData("""{"cell_type": "code", "source": "", "metadata": []}""", "5", "cell 2: \"metadata\" must be an object")]
    [InlineData("""{"cell_type": "code", "source": "", "metadata": {"tags": "parameters"}}""", "5", "cell 2: \"metadata.tags\" must be a list of strings")]
    [InlineData("""{"cell_type": "code", "source": "", "metadata": {"tags": [1]}}""", "5", "cell 2: \"metadata.tags\"")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": {}}""", "5", "cell 2: \"outputs\" must be a list of objects")]
    [InlineData("""{"cell_type": "code", "source": "", "outputs": [1]}""", "5", "cell 2: \"outputs\"")]
    [InlineData("""{"cell_type": "code", "source": "", "execution_count": "3"}""", "5", "cell 2: \"execution_count\" must be a whole number or null")]
    [InlineData("""{"cell_type": "code", "source": "", "id": 5}""", "5", "cell 2: \"id\" must be a string")]
    public void A_wrong_type_is_named_in_one_line(string cell, string minor, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(Notebook(cell, minor), "lesson.ipynb"));
        Assert.StartsWith("lesson.ipynb", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Metadata_of_other_tools_with_odd_types_names_no_language()
    {
        var notebook = IpynbFormat.Parse(
            """{"cells": [{"cell_type": "code", "source": "1", "metadata": {"polyglot_notebook": {"kernelName": 3}}}], "metadata": {"kernelspec": {"language": []}}, "nbformat": 4, "nbformat_minor": 5}""",
            "odd.ipynb");
        Assert.Equal(CellLanguage.CSharp, CellLanguage.Of(notebook, notebook.Cells[0]));
    }

    [Fact]
    public void A_well_formed_notebook_still_reads()
    {
        var notebook = IpynbFormat.Parse(Notebook(Good), "lesson.ipynb");
        Assert.Equal("1 + 1", notebook.Cells[1].Source);
    }
}

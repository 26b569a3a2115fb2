using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Notebooks.Tests.Documents;

public class NotebookFileTests
{
    [Theory]
    [InlineData("state.ipynb")]
    [InlineData("display.ipynb")]
    [InlineData("parameters.ipynb")]
    [InlineData("polyglot.ipynb")]
    [InlineData("nbformat-unknown-fields.ipynb")]
    public void Ipynb_round_trips_byte_for_byte(string name)
    {
        var text = File.ReadAllText(Fixtures.Path(name));
        Assert.Equal(text, NotebookFile.Load(Fixtures.Path(name)).ToJson());
    }

    [Fact]
    public void Unknown_metadata_and_fields_survive_a_rewrite()
    {
        var notebook = NotebookFile.Load(Fixtures.Path("nbformat-unknown-fields.ipynb"));
        notebook.Cells[0].Source = "changed\n";
        var again = IpynbFormat.Parse(notebook.ToJson(), "again");
        Assert.Equal("kept", (string?)again.Metadata["extension"]!["setting"]);
        Assert.Equal("yes", (string?)again.Cells[0].Json["x-extra"]);
        Assert.Equal("changed\n", again.Cells[0].Source);
    }

    [Fact]
    public void Malformed_json_reports_line_and_position()
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(Fixtures.Path("malformed.ipynb")));
        Assert.Contains("malformed.ipynb is not valid JSON: line 7, position 2", error.Message);
    }

    [Theory]
    [InlineData("nbformat3.ipynb", "nbformat 3.0")]
    [InlineData("nbformat5.ipynb", "nbformat 5.0")]
    public void Unknown_major_version_names_it_and_what_is_supported(string name, string version)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load(Fixtures.Path(name)));
        Assert.Contains(version, error.Message);
        Assert.Contains("reads nbformat 4 (4.0 to 4.5)", error.Message);
    }

    [Fact]
    public void Json_that_is_not_a_notebook_is_refused()
    {
        var error = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse("""{"cells": []}""", "x.ipynb"));
        Assert.Contains("not a Jupyter notebook", error.Message);
    }

    [Fact]
    public void Polyglot_cells_are_csharp_and_the_selector_line_is_blanked()
    {
        var notebook = NotebookFile.Load(Fixtures.Path("polyglot.ipynb"));
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Code], notebook.Cells.Select(c => c.Kind));
        Assert.Equal(CellLanguage.CSharp, CellLanguage.Of(notebook, notebook.Cells[1]));
        var code = CellLanguage.ExecutableCode(notebook.Cells[1].Source);
        Assert.Equal("\nvar greeting = \"Grüße aus VS Code ✓\";\nConsole.WriteLine(greeting);", code);
        Assert.Equal(1, notebook.Cells[1].ExecutionCount);
    }

    [Fact]
    public void Cell_language_comes_from_selector_then_metadata_then_notebook()
    {
        var notebook = NotebookFile.Load(Fixtures.Path("mixed-languages.ipynb"));
        Assert.Equal("fsharp", CellLanguage.Of(notebook, notebook.Cells[1]));
        var cell = NotebookCell.NewCode("1", null);
        cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = "pwsh" };
        Assert.Equal("pwsh", CellLanguage.Of(notebook, cell));
        notebook.Metadata["kernelspec"] = new JsonObject { ["language"] = "python" };
        Assert.Equal("python", CellLanguage.Of(notebook, NotebookCell.NewCode("1", null)));
    }

    [Fact]
    public void Dib_reads_sections_and_writes_back_the_same_text()
    {
        var text = File.ReadAllText(Fixtures.Path("lesson.dib"));
        var notebook = NotebookFile.Load(Fixtures.Path("lesson.dib"));
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Code], notebook.Cells.Select(c => c.Kind));
        Assert.Equal("Console.WriteLine(string.Join(\",\", squares));\nsquares.Sum()", notebook.Cells[2].Source);
        Assert.True(notebook.UsesCellIds);
        Assert.All(notebook.Cells, c => Assert.NotNull(c.Id));
        Assert.Equal(text, DibFormat.Write(notebook));
    }

    [Fact]
    public void Dib_with_text_before_the_first_section_is_refused()
    {
        var error = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("hello\n#!csharp\n1", "x.dib"));
        Assert.Contains("x.dib, line 1", error.Message);
    }

    [Fact]
    public void Save_is_atomic_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("course-save-").FullName;
        try
        {
            var notebook = NotebookFile.Load(Fixtures.Path("state.ipynb"));
            var path = Path.Combine(dir, "sub", "state.ipynb");
            NotebookFile.Save(notebook, path);
            Assert.Equal(File.ReadAllText(Fixtures.Path("state.ipynb")), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "sub")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

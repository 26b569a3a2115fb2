using System.Text.Json.Nodes;
using Course.Notebooks.Documents;
using Course.Notebooks.Running;

namespace Course.Notebooks.Tests.Running;

public class NotebookParametersTests
{
    [Theory]
    [InlineData("3", "3")]
    [InlineData("-7", "-7")]
    [InlineData("5000000000", "5000000000L")]
    [InlineData("0.001", "0.001")]
    [InlineData("1e-3", "0.001")]
    [InlineData("2.0", "2.0")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("mnist", "\"mnist\"")]
    [InlineData("say \"hi\"\n\\", "\"say \\\"hi\\\"\\n\\\\\"")]
    [InlineData("NaN", "\"NaN\"")]
    public void Values_become_typed_csharp_literals(string value, string literal) =>
        Assert.Equal(literal, NotebookParameters.Literal(value));

    [Fact]
    public void Injected_cell_follows_the_parameters_cell_and_assigns_declared_names()
    {
        var notebook = NotebookFile.Load(Documents.Fixtures.Path("parameters.ipynb"));
        NotebookParameters.Inject(notebook, [new("epochs", "3"), new("label", "hi there"), new("extra", "2.5")], "parameters.ipynb");

        var injected = notebook.Cells[2];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("// Parameters injected by the runner.\nepochs = 3;\nlabel = \"hi there\";\nvar extra = 2.5;", injected.Source);
        Assert.NotNull(injected.Id);
        Assert.True(NotebookParameters.Declares(notebook, "quick"));
    }

    [Fact]
    public void A_second_injection_replaces_the_first()
    {
        var notebook = NotebookFile.Load(Documents.Fixtures.Path("parameters.ipynb"));
        NotebookParameters.Inject(notebook, [new("epochs", "3")], "p");
        NotebookParameters.Inject(notebook, [new("epochs", "4")], "p");
        Assert.Single(notebook.Cells, c => c.Tags.Contains("injected-parameters"));
        Assert.Contains("epochs = 4;", notebook.Cells[2].Source);
    }

    [Fact]
    public void Without_a_parameters_cell_an_injection_is_refused()
    {
        var notebook = NotebookFile.Load(Documents.Fixtures.Path("state.ipynb"));
        var error = Assert.Throws<NotebookFormatException>(() => NotebookParameters.Inject(notebook, [new("epochs", "3")], "state.ipynb"));
        Assert.Contains("state.ipynb has no code cell tagged \"parameters\"", error.Message);
    }

    [Fact]
    public void Names_must_be_identifiers()
    {
        var notebook = NotebookFile.Load(Documents.Fixtures.Path("parameters.ipynb"));
        Assert.Throws<NotebookFormatException>(() => NotebookParameters.Inject(notebook, [new("class", "1")], "p"));
        Assert.Throws<NotebookFormatException>(() => NotebookParameters.Inject(notebook, [new("a-b", "1")], "p"));
    }

    [Fact]
    public void Notebooks_before_4_5_get_no_cell_ids()
    {
        var notebook = IpynbFormat.Parse(new JsonObject
        {
            ["cells"] = new JsonArray(NotebookCell.NewCode("int n = 1;", null, "parameters").Json),
            ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 4,
        }.ToJsonString(), "old");
        NotebookParameters.Inject(notebook, [new("n", "2")], "old");
        Assert.Null(notebook.Cells[1].Id);
    }
}

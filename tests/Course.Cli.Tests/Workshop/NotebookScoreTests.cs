using System.Text.Json.Nodes;
using Course.Cli.Workshop;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

public sealed class NotebookScoreTests
{
    [Fact]
    public void A_check_earns_its_points_only_when_every_verdict_passes()
    {
        var notebook = Notebook.Create(new JsonObject());
        notebook.Cells.AddRange([Check("a", "Pass"), Check("b", "Hint"), Check("c", "Pass", "NotAttempted"), Check("d")]);
        notebook.Cells[3].Outputs.Add(NotebookOutputs.Error("NotImplementedException", "stub", []));

        var scores = NotebookScore.Of(notebook);

        Assert.Equal([1.0, 0, 0, 0], scores.Select(s => s.Earned));
        Assert.Equal(["check-a", "check-b", "check-c", "check-d"], scores.Select(s => s.GradeId));
        Assert.Contains("NotImplementedException", scores[3].Verdict);
    }

    private static NotebookCell Check(string id, params string[] outcomes)
    {
        var cell = NotebookCell.NewCode("Check();", id);
        NbgraderCells.MarkCheck(cell, id, 1);
        foreach (var outcome in outcomes)
            cell.Outputs.Add(new JsonObject
            {
                ["data"] = new JsonObject { ["application/vnd.course.check+json"] = new JsonObject { ["outcome"] = outcome, ["message"] = "m" } },
                ["metadata"] = new JsonObject(),
                ["output_type"] = "display_data",
            });
        return cell;
    }
}

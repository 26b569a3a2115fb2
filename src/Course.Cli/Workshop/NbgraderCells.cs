using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Cli.Workshop;

/// <summary>
/// nbgrader's cell metadata (schema version 3), so a teacher can release, collect and autograde our notebooks with
/// nbgrader. Answer cells are solution cells, check cells are locked autograded test cells worth points, everything
/// else is a read-only cell.
/// </summary>
public static class NbgraderCells
{
    /// <summary>The metadata schema these cells follow.</summary>
    public const int SchemaVersion = 3;

    /// <summary>Marks the learner's answer cell for exercise <paramref name="exerciseId"/>.</summary>
    public static void MarkAnswer(NotebookCell cell, string exerciseId) =>
        Set(cell, grade: false, solution: true, locked: false, exerciseId, points: null);

    /// <summary>Marks the check cell that grades exercise <paramref name="exerciseId"/>.</summary>
    public static void MarkCheck(NotebookCell cell, string exerciseId, int points) =>
        Set(cell, grade: true, solution: false, locked: true, CheckId(exerciseId), points);

    /// <summary>Marks a cell learners read but must not change.</summary>
    public static void MarkReadOnly(NotebookCell cell, int position) =>
        Set(cell, grade: false, solution: false, locked: true, $"cell-{cell.Id ?? position.ToString(System.Globalization.CultureInfo.InvariantCulture)}", points: null);

    /// <summary>The grade id of the check cell for an exercise.</summary>
    public static string CheckId(string exerciseId) => "check-" + exerciseId;

    /// <summary>The nbgrader metadata of a cell, or null.</summary>
    public static JsonObject? Of(NotebookCell cell) => cell.Metadata["nbgrader"] as JsonObject;

    private static void Set(NotebookCell cell, bool grade, bool solution, bool locked, string gradeId, int? points)
    {
        var meta = new JsonObject
        {
            ["grade"] = grade,
            ["grade_id"] = gradeId,
            ["locked"] = locked,
        };
        if (points is { } p) meta["points"] = p;
        meta["schema_version"] = SchemaVersion;
        meta["solution"] = solution;
        meta["task"] = false;
        cell.Metadata["nbgrader"] = meta;
        // Jupyter's own flags: front ends refuse edits and deletion of locked cells (nbgrader sets them too).
        if (locked)
        {
            cell.Metadata["editable"] = false;
            cell.Metadata["deletable"] = false;
        }
        else
        {
            cell.Metadata.Remove("editable");
            cell.Metadata.Remove("deletable");
        }
    }
}

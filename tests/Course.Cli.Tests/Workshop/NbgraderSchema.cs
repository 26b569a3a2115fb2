using System.Text.Json.Nodes;
using Course.Notebooks.Documents;

namespace Course.Cli.Tests.Workshop;

/// <summary>
/// nbgrader's rules for cell metadata, schema version 3, as nbgrader itself enforces them:
/// jupyter/nbgrader, nbgrader/nbgraderformat/v3.py (MetadataValidatorV3.validate_cell / validate_nb) and the
/// "JSON Metadata Format" page of the nbgrader docs (docs/source/contributor_guide/metadata.rst), which lists the
/// keys every nbgrader cell carries. Restated here so the tests need no Python nbgrader install.
/// </summary>
internal static class NbgraderSchema
{
    private static readonly string[] RequiredBooleans = ["grade", "solution", "locked", "task"];

    /// <summary>Every problem nbgrader would report for <paramref name="notebook"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Problems(Notebook notebook)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>();
        foreach (var (cell, index) in notebook.Cells.Select((c, i) => (c, i + 1)))
        {
            if (cell.Metadata["nbgrader"] is not JsonObject meta) continue;
            string where = $"cell {index}";
            // Required keys and their types (docs: grade, solution, locked, schema_version, grade_id; task since v3).
            foreach (var key in RequiredBooleans)
                if (meta[key] is not JsonValue v || !v.TryGetValue<bool>(out _)) problems.Add($"{where}: '{key}' must be a boolean");
            if (meta["schema_version"] is not JsonValue sv || !sv.TryGetValue<int>(out var version) || version != 3) problems.Add($"{where}: schema_version must be 3");
            bool grade = Flag(meta, "grade"), solution = Flag(meta, "solution"), locked = Flag(meta, "locked"), task = Flag(meta, "task");
            var gradeId = meta["grade_id"] is JsonValue g && g.TryGetValue<string>(out var s) ? s : null;
            // v3.py: grade, solution or locked cells need a non-empty grade_id.
            if ((grade || solution || locked) && string.IsNullOrEmpty(gradeId)) problems.Add($"{where}: grade_id missing or empty");
            // v3.py: grade cells need points (a number, not negative — nbgrader converts it with float()).
            if (grade && (meta["points"] is not JsonValue p || !double.TryParse(p.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var points) || points < 0)) problems.Add($"{where}: grade cell without non-negative points");
            // v3.py: markdown cells are grade AND solution or neither; task cells must be markdown.
            if (!task && cell.Kind == CellKind.Markdown && grade != solution) problems.Add($"{where}: markdown cell must be both grade and solution, or neither");
            if (task && cell.Kind != CellKind.Markdown) problems.Add($"{where}: task cells must be markdown");
            // v3.py validate_nb: grade ids are unique in the notebook.
            if (gradeId is not null && !ids.Add(gradeId)) problems.Add($"{where}: duplicate grade id {gradeId}");
        }
        return problems;
    }

    private static bool Flag(JsonObject meta, string key) => meta[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}

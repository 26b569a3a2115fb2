using System.Globalization;
using System.Text.Json.Nodes;
using Course.Exercises;
using Course.Notebooks.Documents;

namespace Course.Cli.Workshop;

/// <summary>Points for one graded (check) cell.</summary>
/// <param name="GradeId">nbgrader's grade id (check-&lt;exercise id&gt;).</param>
/// <param name="Earned">Points earned: all when every verdict the check showed passed, else 0.</param>
/// <param name="Possible">Points the cell is worth.</param>
/// <param name="Verdict">What the check said (its outcome and message, or the error).</param>
public sealed record ExerciseScore(string GradeId, double Earned, double Possible, string Verdict);

/// <summary>Scores an executed notebook from the verdicts its check cells displayed.</summary>
public static class NotebookScore
{
    /// <summary>One score per nbgrader grade cell, in notebook order.</summary>
    public static IReadOnlyList<ExerciseScore> Of(Notebook executed)
    {
        var scores = new List<ExerciseScore>();
        foreach (var cell in executed.Cells)
        {
            if (NbgraderCells.Of(cell) is not { } meta || (bool?)meta["grade"] != true) continue;
            var possible = meta["points"] is JsonNode p && double.TryParse(p.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var points) ? points : 0;
            var verdicts = cell.Outputs.OfType<JsonObject>().Select(o => o["data"]?[CheckResult.MimeType]).OfType<JsonNode>().Select(Parse).ToList();
            var error = cell.Outputs.OfType<JsonObject>().FirstOrDefault(o => (string?)o["output_type"] == "error");
            var passed = error is null && verdicts.Count > 0 && verdicts.All(v => (string?)v["outcome"] == nameof(CheckOutcome.Pass));
            var verdict = error is not null ? $"error: {error["ename"]}: {error["evalue"]}"
                : verdicts.Count == 0 ? "no check verdict (did the cell run?)"
                : string.Join("; ", verdicts.Select(v => $"{v["outcome"]}: {v["message"]}"));
            scores.Add(new ExerciseScore((string?)meta["grade_id"] ?? "?", passed ? possible : 0, possible, verdict));
        }
        return scores;
    }

    // nbformat keeps +json MIME data as JSON; older writers stored it as a string.
    private static JsonNode Parse(JsonNode data) =>
        data is JsonValue v && v.TryGetValue<string>(out var text) ? JsonNode.Parse(text) ?? new JsonObject() : data;
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Cli.Workshop;

/// <summary>One worked exercise from notebooks/solutions/NN-name.json.</summary>
/// <param name="Id">The exercise id (the stub cell's <c>course.exercise</c> metadata).</param>
/// <param name="Solution">C# that replaces the stub cell.</param>
public sealed record ExerciseSolution(string Id, string Solution);

/// <summary>Reads the worked solutions that belong to a course notebook.</summary>
public static class ExerciseSolutions
{
    /// <summary>The solutions file for <paramref name="notebookPath"/>: solutions/NAME.json beside it.</summary>
    public static string PathFor(string notebookPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, "solutions", Path.GetFileNameWithoutExtension(notebookPath) + ".json");

    /// <summary>The solutions by exercise id; empty when the notebook has no solutions file.</summary>
    public static IReadOnlyDictionary<string, ExerciseSolution> Load(string notebookPath)
    {
        var path = PathFor(notebookPath);
        if (!File.Exists(path)) return new Dictionary<string, ExerciseSolution>();
        try
        {
            var exercises = JsonNode.Parse(File.ReadAllText(path))?["exercises"] as JsonArray
                ?? throw new WorkshopException($"{path}: expected an object with an \"exercises\" list.");
            return exercises.Select((e, i) => new ExerciseSolution(
                    (string?)e?["id"] ?? throw new WorkshopException($"{path}: exercise {i + 1} has no \"id\"."),
                    (string?)e!["solution"] ?? throw new WorkshopException($"{path}: exercise '{e["id"]}' has no \"solution\".")))
                .ToDictionary(s => s.Id);
        }
        catch (JsonException e)
        {
            throw new WorkshopException($"{path} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>A workshop kit could not be built; the message says what to fix.</summary>
public sealed class WorkshopException(string message) : Exception(message);

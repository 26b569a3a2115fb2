namespace Course.Exercises;

/// <summary>A group of catalogue exercises, usually one notebook's (see Catalogue/NotebookNN.cs). Found by reflection: add a class, nothing else.</summary>
public abstract class ExerciseSet
{
    /// <summary>The exercises of the group.</summary>
    public abstract IEnumerable<ExerciseDefinition> Exercises();
}

/// <summary>Every exercise the library can check, by id.</summary>
public static class ExerciseCatalogue
{
    private static readonly Lazy<IReadOnlyDictionary<string, ExerciseDefinition>> ById = new(Collect);

    /// <summary>The ids of every exercise, sorted.</summary>
    public static IReadOnlyList<string> Ids => [.. ById.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The exercise with this id, or an <see cref="ArgumentException"/> that names the nearest ids.</summary>
    public static ExerciseDefinition Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (ById.Value.TryGetValue(id, out var exercise)) return exercise;
        var nearest = ById.Value.Keys.OrderBy(k => Distance(k, id)).ThenBy(k => k, StringComparer.Ordinal).Take(3);
        throw new ArgumentException($"No exercise has the id \"{id}\". Nearest ids: {string.Join(", ", nearest)}. Check cells name an id from Course.Exercises.ExerciseCatalogue.Ids.", nameof(id));
    }

    private static IReadOnlyDictionary<string, ExerciseDefinition> Collect()
    {
        var sets = typeof(ExerciseSet).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ExerciseSet)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        var byId = new Dictionary<string, ExerciseDefinition>(StringComparer.Ordinal);
        foreach (var set in sets)
            foreach (var exercise in ((ExerciseSet)Activator.CreateInstance(set, nonPublic: true)!).Exercises())
                if (!byId.TryAdd(exercise.Id, exercise))
                    throw new InvalidOperationException($"Two catalogue exercises have the id \"{exercise.Id}\" (one in {set.Name}); ids must be unique.");
        return byId;
    }

    // Levenshtein distance: a typo in an id is a few edits away from the intended one.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}

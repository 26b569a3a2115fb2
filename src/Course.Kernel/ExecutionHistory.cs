using System.Text.Json.Nodes;

namespace Course.Kernel;

/// <summary>
/// The cells run in this kernel process (session 1, lines numbered by execution count), answering
/// history_request's tail, range and search queries. Kept in memory: a restart starts a new history.
/// </summary>
internal sealed class ExecutionHistory
{
    private const int Session = 1;
    private readonly List<(int Line, string Input, string? Output)> entries = [];
    private readonly Lock gate = new();

    public void Add(int line, string input, string? output)
    {
        lock (gate) entries.Add((line, input, output));
    }

    /// <summary>The history_reply content for a request's content.</summary>
    /// <exception cref="ArgumentException">A field has the wrong type; the kernel answers with an error reply.</exception>
    public JsonObject Query(JsonObject request)
    {
        var output = Field(request, "output", false);
        var kind = Field(request, "hist_access_type", "tail");
        int? n = request["n"] is null ? null : Field(request, "n", 0);
        List<(int Line, string Input, string? Output)> selected;
        lock (gate) selected = [.. entries];
        selected = kind switch
        {
            "range" => Range(selected, request),
            "search" => Search(selected, request, n),
            _ => n is { } tail ? selected.TakeLast(tail).ToList() : selected,
        };
        var history = new JsonArray();
        foreach (var (line, input, result) in selected)
            history.Add(new JsonArray(Session, line, output ? new JsonArray(input, result) : JsonValue.Create(input)));
        return new JsonObject { ["status"] = "ok", ["history"] = history };
    }

    private static List<(int, string, string?)> Range(List<(int Line, string, string?)> all, JsonObject request)
    {
        var session = Field(request, "session", 0);
        if (session is not (0 or Session)) return [];
        var start = Field(request, "start", 0);
        var stop = Field(request, "stop", int.MaxValue);
        return all.Where(e => e.Line >= start && e.Line < stop).ToList();
    }

    private static List<(int, string, string?)> Search(List<(int Line, string Input, string?)> all, JsonObject request, int? n)
    {
        var glob = Field(request, "pattern", "*");
        var found = all.Where(e => Glob.Matches(glob, e.Input)).ToList();
        if (Field(request, "unique", false))
            found = found.GroupBy(e => e.Input).Select(g => g.Last()).OrderBy(e => e.Line).ToList();
        return n is { } last ? found.TakeLast(last).ToList() : found;
    }

    private static T Field<T>(JsonObject request, string name, T fallback) => request[name] switch
    {
        null => fallback,
        JsonValue v when v.TryGetValue<T>(out var value) => value,
        var other => throw new ArgumentException($"history_request field \"{name}\" must be a {typeof(T).Name.ToLowerInvariant()}, not {other.ToJsonString()}."),
    };
}

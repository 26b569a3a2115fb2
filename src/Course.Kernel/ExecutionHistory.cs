using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
    public JsonObject Query(JsonObject request)
    {
        var output = request["output"]?.GetValue<bool>() ?? false;
        var kind = request["hist_access_type"]?.GetValue<string>() ?? "tail";
        int? n = request["n"] is JsonValue nv && nv.TryGetValue<int>(out var count) ? count : null;
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
        var session = request["session"]?.GetValue<int>() ?? 0;
        if (session is not (0 or Session)) return [];
        var start = request["start"]?.GetValue<int>() ?? 0;
        var stop = request["stop"]?.GetValue<int>() ?? int.MaxValue;
        return all.Where(e => e.Line >= start && e.Line < stop).ToList();
    }

    private static List<(int, string, string?)> Search(List<(int Line, string Input, string?)> all, JsonObject request, int? n)
    {
        // The pattern is a glob (IPython's convention): * any text, ? one character.
        var glob = request["pattern"]?.GetValue<string>() ?? "*";
        var regex = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline);
        var found = all.Where(e => regex.IsMatch(e.Input)).ToList();
        if (request["unique"]?.GetValue<bool>() ?? false)
            found = found.GroupBy(e => e.Input).Select(g => g.Last()).OrderBy(e => e.Line).ToList();
        return n is { } last ? found.TakeLast(last).ToList() : found;
    }
}

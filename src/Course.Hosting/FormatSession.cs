using System.Collections.Concurrent;

namespace Course.Hosting;

/// <summary>
/// What formatters remember for one notebook session (one engine): resources a front end needs once per page,
/// such as plotly.js, are sent with the first output that needs them and only referenced afterwards.
/// </summary>
public sealed class FormatSession
{
    private readonly ConcurrentDictionary<string, bool> claimed = new();

    /// <summary>True the first time <paramref name="resource"/> is claimed in this session, false afterwards.</summary>
    public bool ClaimFirstUse(string resource) => claimed.TryAdd(resource, true);
}

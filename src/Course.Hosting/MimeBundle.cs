namespace Course.Hosting;

/// <summary>
/// One output in several representations, keyed by MIME type ("text/plain" always present; "text/html",
/// "image/png" as base64, "application/vnd.plotly.v1+json" as JSON text), exactly as nbformat stores them.
/// </summary>
public sealed record MimeBundle(IReadOnlyDictionary<string, string> Data)
{
    /// <summary>The plain-text representation every bundle carries.</summary>
    public string PlainText => Data.TryGetValue("text/plain", out var text) ? text : "";

    /// <summary>A bundle with only text/plain.</summary>
    public static MimeBundle Text(string text) => new(new Dictionary<string, string> { ["text/plain"] = text });
}

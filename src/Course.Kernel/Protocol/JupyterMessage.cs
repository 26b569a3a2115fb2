using System.Text.Json.Nodes;

namespace Course.Kernel.Protocol;

/// <summary>One message of the Jupyter messaging protocol, with the ZeroMQ routing identities it came with.</summary>
internal sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content,
    IReadOnlyList<byte[]> Buffers)
{
    public const string ProtocolVersion = "5.3";

    // Never throws, whatever a peer put in the header: handlers and their error paths read these.
    public string Type => Header["msg_type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public string Id => Header["msg_id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>A new message answering (or caused by) <paramref name="parent"/>; identities route it back.</summary>
    public static JupyterMessage Create(string session, string type, JsonObject content, JupyterMessage? parent, IReadOnlyList<byte[]>? identities = null) =>
        new(identities ?? parent?.Identities ?? [],
            new JsonObject
            {
                ["msg_id"] = Guid.NewGuid().ToString("N"),
                ["session"] = session,
                ["username"] = "kernel",
                ["date"] = DateTimeOffset.UtcNow.ToString("o"),
                ["msg_type"] = type,
                ["version"] = ProtocolVersion,
            },
            (JsonObject?)parent?.Header.DeepClone() ?? [],
            [],
            content,
            []);

    public string? String(string name) => Content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool Bool(string name, bool fallback) => Content[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public int Int(string name, int fallback) => Content[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : fallback;
}

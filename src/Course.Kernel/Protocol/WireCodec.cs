using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace Course.Kernel.Protocol;

/// <summary>
/// Frames ↔ messages: <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// Decoding checks the signature, refuses a signature seen before (a replayed message, as ipykernel does) and
/// checks the shape of the JSON; a message that fails is rejected with the reason, never handed on. Not
/// thread-safe: the socket poller alone decodes.
/// </summary>
internal sealed class WireCodec(MessageSigner signer)
{
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    // ipykernel keeps 2^16 digests; a replay older than that is indistinguishable from noise to it as well.
    private const int RememberedSignatures = 1 << 16;
    private readonly HashSet<string> seen = [];
    private readonly Queue<string> seenOrder = new();

    public NetMQMessage Encode(JupyterMessage message)
    {
        byte[][] parts = [Json(message.Header), Json(message.ParentHeader), Json(message.Metadata), Json(message.Content)];
        var frames = new NetMQMessage();
        foreach (var id in message.Identities) frames.Append(id);
        frames.Append(Delimiter);
        frames.Append(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        foreach (var part in parts) frames.Append(part);
        foreach (var buffer in message.Buffers) frames.Append(buffer);
        return frames;
    }

    /// <summary>The message, or null with <paramref name="problem"/> saying why it was rejected.</summary>
    public JupyterMessage? Decode(IReadOnlyList<byte[]> frames, out string? problem)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0 || frames.Count < delimiter + 6)
        {
            problem = $"malformed message: {frames.Count} frames, delimiter at {delimiter}";
            return null;
        }
        var parts = frames.Skip(delimiter + 2).Take(4).ToArray();
        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        if (!signer.Verify(signature, parts))
        {
            problem = "invalid HMAC signature";
            return null;
        }
        if (signer.Signs && !Remember(signature))
        {
            problem = "replayed message (its signature was seen before)";
            return null;
        }
        JupyterMessage message;
        try
        {
            message = new JupyterMessage(
                frames.Take(delimiter).ToArray(),
                Object(parts[0], "header"), Object(parts[1], "parent_header"), Object(parts[2], "metadata"), Object(parts[3], "content"),
                frames.Skip(delimiter + 6).ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            problem = $"message is not four JSON objects: {e.Message}";
            return null;
        }
        problem = message.Header["msg_type"] is JsonValue type && type.TryGetValue<string>(out _)
            ? null
            : $"header.msg_type is {message.Header["msg_type"]?.ToJsonString() ?? "missing"}, not a string";
        return problem is null ? message : null;
    }

    private bool Remember(string signature)
    {
        if (!seen.Add(signature)) return false;
        seenOrder.Enqueue(signature);
        if (seenOrder.Count > RememberedSignatures) seen.Remove(seenOrder.Dequeue());
        return true;
    }

    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false };

    private static byte[] Json(JsonObject node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static JsonObject Object(byte[] utf8, string frame)
    {
        // A duplicate key would otherwise throw later, wherever a handler first reads that object.
        return JsonNode.Parse(utf8, documentOptions: StrictJson) as JsonObject ?? throw new InvalidOperationException($"{frame} is not a JSON object");
    }
}

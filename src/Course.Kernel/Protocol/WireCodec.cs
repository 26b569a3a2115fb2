using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetMQ;

namespace Course.Kernel.Protocol;

/// <summary>
/// Frames ↔ messages: <c>[identities…, "&lt;IDS|MSG&gt;", signature, header, parent_header, metadata, content, buffers…]</c>.
/// Decoding checks the signature; a message that fails is rejected with the reason, never handed on.
/// </summary>
internal sealed class WireCodec(MessageSigner signer)
{
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

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
        if (!signer.Verify(Encoding.ASCII.GetString(frames[delimiter + 1]), parts))
        {
            problem = "invalid HMAC signature";
            return null;
        }
        try
        {
            problem = null;
            return new JupyterMessage(
                frames.Take(delimiter).ToArray(),
                Object(parts[0]), Object(parts[1]), Object(parts[2]), Object(parts[3]),
                frames.Skip(delimiter + 6).ToArray());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = $"message is not JSON objects: {e.Message}";
            return null;
        }
    }

    private static byte[] Json(JsonObject node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static JsonObject Object(byte[] utf8) => JsonNode.Parse(utf8) as JsonObject ?? throw new InvalidOperationException("expected a JSON object");
}

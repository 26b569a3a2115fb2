using System.Security.Cryptography;
using System.Text;

namespace Course.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 over the four JSON frames (header, parent_header, metadata, content), hex encoded, as the
/// Jupyter wire protocol defines it. An empty key means an unsigned session (signature frame empty).
/// Stateless, so any thread may use it.
/// </summary>
internal sealed class MessageSigner(string key)
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(key);

    /// <summary>False for an unsigned session (empty key): signatures are then all empty and say nothing.</summary>
    public bool Signs => key.Length > 0;

    public string Sign(IReadOnlyList<byte[]> parts)
    {
        if (key.Length == 0) return "";
        using var hmac = new HMACSHA256(key);
        foreach (var part in parts) hmac.TransformBlock(part, 0, part.Length, null, 0);
        hmac.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    /// <summary>Constant-time comparison, so a forger learns nothing from timing.</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> parts)
    {
        if (key.Length == 0) return true;
        var expected = Encoding.ASCII.GetBytes(Sign(parts));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}

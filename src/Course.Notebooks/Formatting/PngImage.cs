using System.Buffers.Binary;
using Course.Hosting;

namespace Course.Notebooks.Formatting;

/// <summary>PNG-encoded image bytes, shown as a picture (image/png) in a notebook.</summary>
/// <param name="Bytes">The PNG file's bytes.</param>
public sealed record PngImage(byte[] Bytes)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True when <paramref name="bytes"/> start like a PNG file (signature and IHDR chunk).</summary>
    public static bool IsPng(byte[] bytes) => bytes.Length >= 24 && bytes.AsSpan(0, 8).SequenceEqual(Signature);

    /// <summary>Width and height from the IHDR chunk.</summary>
    public (int Width, int Height) Size => IsPng(Bytes)
        ? (BinaryPrimitives.ReadInt32BigEndian(Bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(Bytes.AsSpan(20)))
        : (0, 0);

    internal MimeBundle ToBundle() => new(new Dictionary<string, string>
    {
        ["text/plain"] = $"PNG image {Size.Width}×{Size.Height}",
        ["image/png"] = Convert.ToBase64String(Bytes),
    });
}

using System.Buffers.Binary;
using System.IO.Compression;

namespace Course.Data;

/// <summary>
/// The IDX format MNIST ships in: a magic number (two zero bytes, a type code, the number of dimensions),
/// the dimensions as big-endian int32, then the values. Only unsigned bytes (type 0x08) occur in MNIST.
/// </summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    /// <summary>An IDX file's dimensions and the bytes that follow its header.</summary>
    public sealed record Contents(int[] Dimensions, byte[] Values)
    {
        /// <summary>Number of items along the first dimension.</summary>
        public int Count => Dimensions[0];
    }

    /// <summary>Reads a file, gunzipping it when it ends in .gz.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return File.ReadAllBytes(path);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream(capacity: (int)Math.Min(int.MaxValue, file.Length * 6));
        try
        {
            gzip.CopyTo(memory);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path} is not a valid gzip file ({e.Message}).", e);
        }
        return memory.ToArray();
    }

    /// <summary>Parses IDX bytes and checks that the header matches the data that follows.</summary>
    /// <param name="bytes">The uncompressed file.</param>
    /// <param name="name">The file's name, for error messages.</param>
    /// <param name="expectedRank">How many dimensions the caller needs (3 for images, 1 for labels).</param>
    public static Contents Parse(byte[] bytes, string name, int expectedRank)
    {
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new DatasetException($"{name} is not an IDX file: it must start with two zero bytes (magic number 0x0000TTDD).");
        if (bytes[2] != UnsignedByte)
            throw new DatasetException($"{name} has IDX type code 0x{bytes[2]:X2}; only unsigned bytes (0x08) are supported.");
        int rank = bytes[3];
        if (rank != expectedRank)
            throw new DatasetException($"{name} has {rank} dimensions; expected {expectedRank}.");
        int header = 4 + 4 * rank;
        if (bytes.Length < header)
            throw new DatasetException($"{name} is truncated inside its header ({bytes.Length} bytes).");
        var dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i, 4));
            if (dims[i] <= 0) throw new DatasetException($"{name} declares dimension {i} as {dims[i]}.");
            expected *= dims[i];
        }
        long actual = bytes.Length - header;
        if (actual != expected)
            throw new DatasetException(
                $"{name} declares {string.Join("×", dims)} = {expected} values but holds {actual}: the file is " +
                (actual < expected ? "truncated." : "longer than its header says."));
        return new Contents(dims, bytes.AsSpan(header).ToArray());
    }
}

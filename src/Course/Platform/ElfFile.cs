using System.Buffers.Binary;
using System.Text;

namespace Course.Platform;

/// <summary>
/// Just enough of the ELF64 format to read and edit a shared library's symbol-version tables
/// (<c>.gnu.version_r</c>, <c>.gnu.version_d</c>, <c>.gnu.version</c>, <c>.dynsym</c>).
/// </summary>
/// <remarks>
/// We need it for one job: weakening the single libstdc++ version need that stops TorchSharp's native
/// library from loading on Debian 12 (see docs/torchsharp-on-debian12.md). A real ELF library would be
/// a bigger dependency than these hundred lines.
/// </remarks>
internal sealed class ElfFile
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;

    /// <summary>The <c>vna_flags</c> bit that makes a missing version a non-fatal condition for the loader.</summary>
    public const ushort VerFlagWeak = 0x2;

    private readonly byte[] bytes;
    private readonly List<Section> sections = new();

    private readonly record struct Section(uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize);

    /// <summary>One Vernaux entry: a version the library needs from <see cref="File"/>.</summary>
    /// <param name="File">The soname the version is needed from, e.g. libstdc++.so.6.</param>
    /// <param name="Version">The version name, e.g. GLIBCXX_3.4.32.</param>
    /// <param name="Flags">vna_flags (bit 0x2 is VER_FLG_WEAK).</param>
    /// <param name="Index">vna_other: the index symbols use in .gnu.version.</param>
    /// <param name="FlagsOffset">Byte offset of vna_flags in the file.</param>
    public readonly record struct VersionNeed(string File, string Version, ushort Flags, ushort Index, long FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    private ElfFile(byte[] bytes)
    {
        this.bytes = bytes;
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        long shoff = (long)U64(0x28);
        int shentsize = U16(0x3A), shnum = U16(0x3C);
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + (long)i * shentsize;
            sections.Add(new Section(U32(h + 4), (long)U64(h + 24), (long)U64(h + 32), U32(h + 40), U32(h + 44), (long)U64(h + 56)));
        }
    }

    /// <summary>Reads a whole ELF file into memory.</summary>
    public static ElfFile Read(string path) => new(File.ReadAllBytes(path));

    /// <summary>The raw bytes, including any edits made with <see cref="SetFlags"/>.</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>Every version the library needs, from every file it depends on.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var result = new List<VersionNeed>();
        foreach (var s in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            long vn = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                ushort count = U16(vn + 2);
                string file = String(s.Link, U32(vn + 4));
                long aux = vn + U32(vn + 8);
                for (int j = 0; j < count; j++)
                {
                    result.Add(new VersionNeed(file, String(s.Link, U32(aux + 8)), U16(aux + 4), U16(aux + 6), aux + 4));
                    aux += U32(aux + 12);
                }
                uint next = U32(vn + 12);
                if (next == 0) break;
                vn += next;
            }
        }
        return result;
    }

    /// <summary>The versions this library defines (for libstdc++: GLIBCXX_3.4, …, GLIBCXX_3.4.30).</summary>
    public IReadOnlyList<string> VersionDefinitions()
    {
        var result = new List<string>();
        foreach (var s in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            long vd = s.Offset;
            for (uint i = 0; i < s.Info; i++)
            {
                long aux = vd + U32(vd + 12);
                result.Add(String(s.Link, U32(aux)));
                uint next = U32(vd + 16);
                if (next == 0) break;
                vd += next;
            }
        }
        return result;
    }

    /// <summary>Names of the dynamic symbols bound to the given version index.</summary>
    public IReadOnlyList<string> SymbolsWithVersionIndex(ushort index)
    {
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (dynsym.EntrySize == 0 || versym.Size == 0) return Array.Empty<string>();
        long count = dynsym.Size / dynsym.EntrySize;
        var names = new List<string>();
        for (long i = 0; i < count; i++)
        {
            if ((U16(versym.Offset + 2 * i) & 0x7fff) != index) continue;
            names.Add(String(dynsym.Link, U32(dynsym.Offset + i * dynsym.EntrySize)));
        }
        return names;
    }

    /// <summary>Overwrites one Vernaux entry's flags in the in-memory copy.</summary>
    public void SetFlags(VersionNeed need, ushort flags) =>
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((int)need.FlagsOffset, 2), flags);

    private string String(uint strtabSection, uint offset)
    {
        long start = sections[(int)strtabSection].Offset + offset;
        int end = Array.IndexOf(bytes, (byte)0, (int)start);
        return Encoding.ASCII.GetString(bytes, (int)start, end - (int)start);
    }

    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)at, 2));
    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at, 4));
    private ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)at, 8));
}

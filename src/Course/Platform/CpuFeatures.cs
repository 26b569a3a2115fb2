namespace Course.Platform;

/// <summary>
/// Which bfloat16 instructions this CPU has, read from the instruction-set flags Linux lists in /proc/cpuinfo.
/// bfloat16 arithmetic is only faster than float32 where the CPU multiplies bfloat16 numbers natively:
/// AVX-512 BF16 (flag <c>avx512_bf16</c>: dot products of bfloat16 pairs into float32) or AMX (<c>amx_bf16</c>:
/// whole tile matrix products); on Arm the <c>bf16</c> feature. Without them libtorch converts to float32 and back,
/// which is slower than float32.
/// </summary>
/// <param name="Known">False where the flags cannot be read (not Linux, or /proc/cpuinfo lists none).</param>
/// <param name="Flags">The flags of the first processor, lower case; empty when unknown.</param>
public sealed record CpuFeatures(bool Known, IReadOnlySet<string> Flags)
{
    /// <summary>Flags that give bfloat16 matrix products in hardware, in the order they are reported.</summary>
    public static readonly IReadOnlyList<string> Bf16Flags = ["avx512_bf16", "amx_bf16", "bf16"];

    /// <summary>The bfloat16 flags this CPU has (empty: none, or unknown).</summary>
    public IReadOnlyList<string> Bf16 => Bf16Flags.Where(Flags.Contains).ToList();

    /// <summary>True only when the flags are known and include one of <see cref="Bf16Flags"/>.</summary>
    public bool HasNativeBf16 => Bf16.Count > 0;

    /// <summary>One line for reports: "avx512_bf16", "avx512_bf16, amx_bf16", "none (…)" or "unknown (…)".</summary>
    public string DescribeBf16() =>
        !Known ? "unknown (no /proc/cpuinfo flags to read on this system)"
        : HasNativeBf16 ? string.Join(", ", Bf16)
        : "none (no avx512_bf16, amx_bf16 or bf16 among the CPU flags)";

    /// <summary>This machine's CPU features; <see cref="Known"/> is false off Linux.</summary>
    public static CpuFeatures Detect()
    {
        const string cpuinfo = "/proc/cpuinfo";
        try
        {
            return File.Exists(cpuinfo) ? Parse(File.ReadAllText(cpuinfo)) : Unknown;
        }
        catch (IOException)
        {
            return Unknown;
        }
        catch (UnauthorizedAccessException)
        {
            return Unknown;
        }
    }

    /// <summary>
    /// Reads the text of /proc/cpuinfo: the first <c>flags</c> line (x86) or <c>Features</c> line (ARM). Every
    /// processor of a machine lists the same flags, so the first is enough. Text without such a line is unknown.
    /// </summary>
    public static CpuFeatures Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        foreach (string line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon].Trim();
            if (key is not ("flags" or "Features")) continue;
            var flags = line[(colon + 1)..].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.ToLowerInvariant()).ToHashSet();
            return new CpuFeatures(true, flags);
        }
        return Unknown;
    }

    private static CpuFeatures Unknown => new(false, new HashSet<string>());
}

using Course.Platform;

namespace Course.Tests.Runtime;

public class CpuFeaturesTests
{
    // Shortened from real /proc/cpuinfo files: two processors of a Zen 4 EPYC (AVX-512 BF16), one Sapphire Rapids
    // (AMX), one older Xeon without either, one Arm server (Features line, bf16).
    private const string Zen4 = """
        processor	: 0
        vendor_id	: AuthenticAMD
        model name	: AMD EPYC 9R14
        flags		: fpu vme sse sse2 avx avx2 fma avx512f avx512dq avx512ifma avx512_bf16 avx512_vnni
        bugs		: sysret_ss_attrs

        processor	: 1
        model name	: AMD EPYC 9R14
        flags		: fpu vme sse sse2 avx avx2 fma avx512f avx512dq avx512ifma avx512_bf16 avx512_vnni
        """;

    private const string SapphireRapids = "processor\t: 0\nflags\t\t: avx512f avx512_bf16 amx_bf16 amx_tile amx_int8\n";
    private const string Skylake = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6140\nflags\t\t: fpu avx avx2 fma avx512f avx512bw\n";
    private const string Graviton3 = "processor\t: 0\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd sve bf16 i8mm\n";

    [Fact]
    public void Avx512_bf16_is_found_on_zen4()
    {
        var cpu = CpuFeatures.Parse(Zen4);
        Assert.True(cpu.Known);
        Assert.True(cpu.HasNativeBf16);
        Assert.Equal(["avx512_bf16"], cpu.Bf16);
        Assert.Equal("avx512_bf16", cpu.DescribeBf16());
        Assert.Contains("avx512f", cpu.Flags);
        // "bugs" and "model name" lines are not flags.
        Assert.DoesNotContain("sysret_ss_attrs", cpu.Flags);
    }

    [Fact]
    public void Amx_and_arm_bf16_count_too()
    {
        Assert.Equal(["avx512_bf16", "amx_bf16"], CpuFeatures.Parse(SapphireRapids).Bf16);
        Assert.Equal(["bf16"], CpuFeatures.Parse(Graviton3).Bf16);
    }

    [Fact]
    public void A_cpu_without_bf16_says_none()
    {
        var cpu = CpuFeatures.Parse(Skylake);
        Assert.True(cpu.Known);
        Assert.False(cpu.HasNativeBf16);
        Assert.StartsWith("none", cpu.DescribeBf16());
    }

    [Fact]
    public void Text_without_flags_is_unknown_not_none()
    {
        foreach (string text in new[] { "", "processor\t: 0\nmodel name\t: something\n", "garbage without colons" })
        {
            var cpu = CpuFeatures.Parse(text);
            Assert.False(cpu.Known);
            Assert.False(cpu.HasNativeBf16);
            Assert.StartsWith("unknown", cpu.DescribeBf16());
        }
        Assert.Throws<ArgumentNullException>(() => CpuFeatures.Parse(null!));
    }

    [Fact]
    public void This_machine_is_read_where_linux_lists_flags()
    {
        var cpu = CpuFeatures.Detect();
        bool linuxWithFlags = File.Exists("/proc/cpuinfo") &&
            File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal));
        Assert.Equal(linuxWithFlags, cpu.Known);
    }
}

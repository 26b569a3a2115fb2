using Course.Platform;

namespace Course.Tests.Foundation;

public sealed class LibStdCxxCompatTests
{
    private static string ShippedLibrary()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"expected TorchSharp's native library at {path}");
        return path;
    }

    /// <summary>A copy of the library with the version need restored to how TorchSharp ships it (not weak).</summary>
    private static string AsShipped(string directory)
    {
        string copy = Path.Combine(directory, "libLibTorchSharp.so");
        var elf = ElfFile.Read(ShippedLibrary());
        var need = elf.VersionNeeds().Single(n => n.Version == LibStdCxxCompat.BlockingVersion);
        elf.SetFlags(need, (ushort)(need.Flags & ~ElfFile.VerFlagWeak));
        File.WriteAllBytes(copy, elf.Bytes.ToArray());
        return copy;
    }

    [Fact]
    public void The_only_symbol_bound_to_the_blocking_version_is_the_unused_marker()
    {
        var elf = ElfFile.Read(ShippedLibrary());
        var need = elf.VersionNeeds().Single(n => n.Version == LibStdCxxCompat.BlockingVersion);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal([LibStdCxxCompat.MarkerSymbol], elf.SymbolsWithVersionIndex(need.Index));
    }

    [Fact]
    public void Patching_marks_just_that_need_weak_and_is_idempotent()
    {
        var dir = Directory.CreateTempSubdirectory("compat-");
        try
        {
            string file = AsShipped(dir.FullName);
            var before = ElfFile.Read(file).VersionNeeds();

            Assert.Equal(LibStdCxxCompat.PatchOutcome.Patched, LibStdCxxCompat.PatchFile(file));
            var after = ElfFile.Read(file).VersionNeeds();
            Assert.Equal(LibStdCxxCompat.PatchOutcome.AlreadyFixed, LibStdCxxCompat.PatchFile(file));

            for (int i = 0; i < before.Count; i++)
            {
                bool isBlocking = before[i].Version == LibStdCxxCompat.BlockingVersion;
                Assert.Equal(isBlocking, after[i].IsWeak && !before[i].IsWeak);
            }
            // Only the two flag bytes differ from the shipped file.
            var diff = File.ReadAllBytes(file).Zip(ElfFile.Read(AsShipped(Directory.CreateTempSubdirectory().FullName)).Bytes.ToArray())
                .Count(p => p.First != p.Second);
            Assert.Equal(1, diff);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Apply_patches_only_where_the_system_lacks_the_version()
    {
        var dir = Directory.CreateTempSubdirectory("compat-");
        try
        {
            string file = AsShipped(dir.FullName);
            var report = LibStdCxxCompat.Apply([file, Path.Combine(dir.FullName, "absent.so")]);
            if (LibStdCxxCompat.SystemProvidesBlockingVersion())
            {
                Assert.False(report.Needed);
                Assert.Empty(report.Patched);
                Assert.False(ElfFile.Read(file).VersionNeeds().Single(n => n.Version == LibStdCxxCompat.BlockingVersion).IsWeak);
            }
            else
            {
                Assert.True(report.Needed);
                Assert.Equal([file], report.Patched);
                Assert.Empty(report.Problems);
            }
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_file_that_is_not_elf_is_reported_not_patched()
    {
        var dir = Directory.CreateTempSubdirectory("compat-");
        try
        {
            string file = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            File.WriteAllText(file, "not a library");
            var error = Assert.Throws<InvalidDataException>(() => LibStdCxxCompat.PatchFile(file));
            Assert.Contains("not an ELF file", error.Message);
        }
        finally { dir.Delete(true); }
    }
}

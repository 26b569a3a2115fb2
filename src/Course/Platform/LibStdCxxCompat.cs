using System.Runtime.InteropServices;

namespace Course.Platform;

/// <summary>
/// Makes TorchSharp 0.107's <c>libLibTorchSharp.so</c> loadable on Linux systems whose libstdc++ is older
/// than GCC 13 (Debian 12, Ubuntu 22.04). Why this is safe, and what it changes: docs/torchsharp-on-debian12.md.
/// </summary>
/// <remarks>
/// The library declares a need for <c>GLIBCXX_3.4.32</c> only because GCC 13's &lt;iostream&gt; references the
/// marker <c>std::ios_base_library_init()</c>, which is never called. We mark that one version need weak
/// (VER_FLG_WEAK), so the dynamic loader accepts its absence. Nothing happens where the system's libstdc++
/// already provides the version, on other operating systems, or on files already fixed.
/// </remarks>
public static class LibStdCxxCompat
{
    /// <summary>The version need that Debian 12's libstdc++ (GCC 12, up to GLIBCXX_3.4.30) cannot satisfy.</summary>
    public const string BlockingVersion = "GLIBCXX_3.4.32";

    /// <summary>The only symbol we accept bound to <see cref="BlockingVersion"/>: an unused marker.</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    private const string NativeFileName = "libLibTorchSharp.so";

    /// <summary>What <see cref="Apply()"/> found and did, for `course doctor` and error messages.</summary>
    /// <param name="Needed">False where the system libstdc++ provides <see cref="BlockingVersion"/> (nothing to do).</param>
    /// <param name="Patched">Files this call changed.</param>
    /// <param name="AlreadyFixed">Files that were already fixed.</param>
    /// <param name="Problems">Files that could not be fixed, with the reason.</param>
    public sealed record Report(bool Needed, IReadOnlyList<string> Patched, IReadOnlyList<string> AlreadyFixed, IReadOnlyList<string> Problems);

    /// <summary>True where the running process's libstdc++ defines <see cref="BlockingVersion"/>.</summary>
    public static bool SystemProvidesBlockingVersion()
    {
        if (!OperatingSystem.IsLinux()) return true;
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out var handle)) return false;
        return dlvsym(handle, MarkerSymbol, BlockingVersion) != IntPtr.Zero;
    }

    /// <summary>Fixes every copy of libLibTorchSharp.so this process or a later build could load.</summary>
    public static Report Apply() => Apply(CandidateFiles());

    /// <summary>Fixes the given copies of libLibTorchSharp.so (missing files are ignored).</summary>
    public static Report Apply(IEnumerable<string> files)
    {
        var patched = new List<string>();
        var already = new List<string>();
        var problems = new List<string>();
        if (SystemProvidesBlockingVersion()) return new Report(false, patched, already, problems);

        foreach (var file in files.Where(File.Exists).Distinct())
        {
            try
            {
                switch (PatchFile(file))
                {
                    case PatchOutcome.Patched: patched.Add(file); break;
                    case PatchOutcome.AlreadyFixed: already.Add(file); break;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                problems.Add($"{file}: {e.Message}");
            }
        }
        return new Report(true, patched, already, problems);
    }

    internal enum PatchOutcome { Patched, AlreadyFixed, NoSuchNeed }

    /// <summary>Weakens the blocking version need in one file, atomically (write beside, then rename).</summary>
    internal static PatchOutcome PatchFile(string path)
    {
        var elf = ElfFile.Read(path);
        var need = elf.VersionNeeds().FirstOrDefault(n => n.Version == BlockingVersion);
        if (need.Version is null) return PatchOutcome.NoSuchNeed;
        if (need.IsWeak) return PatchOutcome.AlreadyFixed;

        // Refuse anything but the known case: a symbol that is really used must not lose its version check.
        var bound = elf.SymbolsWithVersionIndex(need.Index);
        var unexpected = bound.Where(s => s != MarkerSymbol).ToList();
        if (unexpected.Count > 0)
            throw new InvalidDataException(
                $"{BlockingVersion} is needed by {string.Join(", ", unexpected)}, not only by the unused marker " +
                $"{MarkerSymbol}; weakening it would not be safe. Use a system with GCC 13's libstdc++ or newer.");

        elf.SetFlags(need, (ushort)(need.Flags | ElfFile.VerFlagWeak));
        string temp = path + $".fix-{Environment.ProcessId}";
        File.WriteAllBytes(temp, elf.Bytes.ToArray());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
        File.Move(temp, path, overwrite: true);
        return PatchOutcome.Patched;
    }

    /// <summary>
    /// Where TorchSharp looks for its native library: beside TorchSharp.dll (and its runtimes/ and cpu/ or cuda/
    /// folders, which TorchSharp fills from the NuGet cache), beside the application, and in the NuGet cache itself
    /// so that later builds copy an already fixed file.
    /// </summary>
    public static IEnumerable<string> CandidateFiles()
    {
        // typeof() loads the managed assembly only; the native library loads on first use of torch.
        var roots = new List<string?> { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) };
        foreach (var root in roots.OfType<string>().Distinct())
        {
            yield return Path.Combine(root, NativeFileName);
            yield return Path.Combine(root, "runtimes", "linux-x64", "native", NativeFileName);
            yield return Path.Combine(root, "cpu", NativeFileName);
            yield return Path.Combine(root, "cuda", NativeFileName);
        }
        string nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string torchSharpPackages = Path.Combine(nugetRoot, "torchsharp");
        if (Directory.Exists(torchSharpPackages))
            foreach (var version in Directory.EnumerateDirectories(torchSharpPackages))
                yield return Path.Combine(version, "runtimes", "linux-x64", "native", NativeFileName);
    }

    [DllImport("libc", EntryPoint = "dlvsym")]
    private static extern IntPtr dlvsym(IntPtr handle, string symbol, string version);
}

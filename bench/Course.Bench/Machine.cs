using System.Globalization;
using System.Runtime.InteropServices;

namespace Course.Bench;

/// <summary>Facts about the machine and process that the numbers depend on, read from Linux's /proc where available.</summary>
public static class Machine
{
    /// <summary>CPU model name, e.g. "AMD EPYC".</summary>
    public static string CpuModel() =>
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    /// <summary>Operating system, e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public static string OperatingSystem()
    {
        const string release = "/etc/os-release";
        if (File.Exists(release))
        {
            var pretty = File.ReadLines(release).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null) return pretty["PRETTY_NAME=".Length..].Trim('"') + $" ({RuntimeInformation.OSDescription})";
        }
        return RuntimeInformation.OSDescription;
    }

    /// <summary>1-, 5- and 15-minute load averages: other work on the machine competes for the same cores.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The 1-minute load average, or null where /proc/loadavg does not exist.</summary>
    public static double? LoadNow() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : null;

    /// <summary>Resident set size of this process in MiB (what the OS holds in RAM for it, native and managed).</summary>
    public static double ResidentMiB()
    {
        // VmRSS is exact and cheap on Linux; WorkingSet64 is the portable fallback.
        string? rss = File.Exists("/proc/self/status") ? ProcField("/proc/self/status", "VmRSS") : null;
        if (rss is not null && rss.EndsWith(" kB", StringComparison.Ordinal))
            return double.Parse(rss[..^3].Trim(), CultureInfo.InvariantCulture) / 1024;
        return Environment.WorkingSet / (1024.0 * 1024.0);
    }

    private static string? ProcField(string path, string key)
    {
        if (!File.Exists(path)) return null;
        foreach (string line in File.ReadLines(path))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }
}

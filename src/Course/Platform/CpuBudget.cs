using System.Globalization;

namespace Course.Platform;

/// <summary>
/// How many threads libtorch should use: the CPUs this process may really use, not the host's core count. On a
/// JupyterHub pod or in a container the cgroup CPU quota (cgroup v2 <c>cpu.max</c>, v1 <c>cpu.cfs_quota_us</c>)
/// is often far below the cores the kernel reports, and a thread pool sized for the host then spends its time
/// throttled or waiting at barriers for descheduled threads. <see cref="TorchRuntime.ThreadsVariable"/> overrides.
/// </summary>
public static class CpuBudget
{
    /// <summary>The thread count and why it was chosen (shown by `course doctor` and the environment report).</summary>
    public sealed record Decision(int Threads, string Reason);

    /// <summary>Decides for this process: the variable, the processors .NET may schedule on (affinity), the cgroup quota.</summary>
    public static Decision ForThisProcess() =>
        Decide(Environment.GetEnvironmentVariable(TorchRuntime.ThreadsVariable), Affinity(), CgroupQuota("/"));

    /// <summary>What this process may use without <see cref="TorchRuntime.ThreadsVariable"/>: affinity and quota alone.</summary>
    public static Decision Available() => Decide(null, Affinity(), CgroupQuota("/"));

    /// <summary>
    /// The decision from its inputs: an explicit <paramref name="variable"/> wins; else the smaller of the
    /// processors the process may run on and the quota (rounded down, at least 1: a thread more than the quota
    /// allows is throttled, a thread less only leaves part of one CPU unused).
    /// </summary>
    /// <exception cref="ArgumentException">The variable is set but not a whole number above 0.</exception>
    public static Decision Decide(string? variable, int processors, double? quota)
    {
        if (!string.IsNullOrWhiteSpace(variable))
        {
            if (!int.TryParse(variable.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) || chosen < 1)
                throw new ArgumentException(
                    $"{TorchRuntime.ThreadsVariable}='{variable}' is not a number of threads. Set it to a whole number above 0 (e.g. 2), or unset it to follow the CPUs this process may use.");
            return new Decision(chosen, $"{TorchRuntime.ThreadsVariable}={chosen}");
        }
        if (quota is { } cpus && cpus < processors)
        {
            var threads = Math.Max(1, (int)Math.Floor(cpus));
            return new Decision(threads, $"cgroup CPU quota {cpus.ToString("0.##", CultureInfo.InvariantCulture)} of {processors} processors");
        }
        return new Decision(Math.Max(1, processors), $"{processors} processors available to the process");
    }

    /// <summary>
    /// The CPU quota in CPUs for the cgroup of this process under <paramref name="root"/> (normally "/"; tests
    /// pass a folder with fake files), the smallest along the cgroup's ancestors; null when there is none.
    /// </summary>
    public static double? CgroupQuota(string root)
    {
        var membership = Path.Combine(root, "proc", "self", "cgroup");
        if (!File.Exists(membership)) return null;
        double? smallest = null;
        foreach (var line in File.ReadLines(membership))
        {
            var fields = line.Split(':', 3);
            if (fields.Length != 3) continue;
            var controllers = fields[1].Split(',');
            IEnumerable<string> folders = [];
            if (fields[0] == "0" && fields[1].Length == 0)
                folders = Ancestors(Path.Combine(root, "sys", "fs", "cgroup"), fields[2]); // v2: one unified tree
            else if (controllers.Contains("cpu"))
                folders = new[] { "cpu,cpuacct", "cpuacct,cpu", "cpu" }
                    .SelectMany(mount => Ancestors(Path.Combine(root, "sys", "fs", "cgroup", mount), fields[2]));
            foreach (var folder in folders)
                if (QuotaIn(folder) is { } cpus && (smallest is null || cpus < smallest)) smallest = cpus;
        }
        return smallest;
    }

    // The cgroup's folder and its parents up to the mount; in a container the path may be relative to a mount
    // that is already the cgroup itself, so the mount is always included.
    private static IEnumerable<string> Ancestors(string mount, string cgroup)
    {
        if (!Directory.Exists(mount)) yield break;
        var parts = cgroup.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var n = parts.Length; n >= 0; n--)
        {
            var folder = Path.Combine([mount, .. parts.Take(n)]);
            if (Directory.Exists(folder)) yield return folder;
        }
    }

    private static double? QuotaIn(string folder)
    {
        var v2 = Path.Combine(folder, "cpu.max");
        if (File.Exists(v2))
        {
            var fields = File.ReadAllText(v2).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return fields.Length == 2 && fields[0] != "max" ? Ratio(fields[0], fields[1]) : null;
        }
        var quota = Path.Combine(folder, "cpu.cfs_quota_us");
        var period = Path.Combine(folder, "cpu.cfs_period_us");
        return File.Exists(quota) && File.Exists(period) ? Ratio(File.ReadAllText(quota).Trim(), File.ReadAllText(period).Trim()) : null;
    }

    // quota ÷ period in CPUs; -1 (v1's "no limit") and anything unreadable count as no quota.
    private static double? Ratio(string quota, string period) =>
        long.TryParse(quota, CultureInfo.InvariantCulture, out var q) && long.TryParse(period, CultureInfo.InvariantCulture, out var p) && q > 0 && p > 0
            ? (double)q / p
            : null;

    // Environment.ProcessorCount follows sched affinity, but also rounds a cgroup quota up (and DOTNET_PROCESSOR_COUNT
    // overrides it); the affinity mask alone is what /proc/self/status lists as Cpus_allowed_list.
    private static int Affinity()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            if (line is not null) return CountCpus(line["Cpus_allowed_list:".Length..]);
        }
        catch (IOException)
        {
            // Not Linux, or /proc hidden: .NET's count is the best there is.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return Environment.ProcessorCount;
    }

    /// <summary>The number of CPUs in a Linux CPU list such as "0-3,6,8-9".</summary>
    public static int CountCpus(string list)
    {
        var count = 0;
        foreach (var range in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = range.Split('-');
            count += ends.Length == 2 ? int.Parse(ends[1], CultureInfo.InvariantCulture) - int.Parse(ends[0], CultureInfo.InvariantCulture) + 1 : 1;
        }
        return Math.Max(1, count);
    }
}

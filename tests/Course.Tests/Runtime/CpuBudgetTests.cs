using Course.Platform;

namespace Course.Tests.Runtime;

/// <summary>The thread decision on fake /proc and /sys/fs/cgroup trees, as a container or a hub pod shows them.</summary>
public sealed class CpuBudgetTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cpu-budget-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Cgroup_v2_quota_is_read_from_cpu_max_of_the_process_s_cgroup()
    {
        Write("proc/self/cgroup", "0::/kubepods/pod1/container\n");
        Write("sys/fs/cgroup/kubepods/pod1/container/cpu.max", "150000 100000\n");
        Assert.Equal(1.5, CpuBudget.CgroupQuota(root));
    }

    [Fact]
    public void The_smallest_quota_along_the_ancestors_counts()
    {
        Write("proc/self/cgroup", "0::/user.slice/jupyter/kernel\n");
        Write("sys/fs/cgroup/user.slice/jupyter/kernel/cpu.max", "max 100000\n");
        Write("sys/fs/cgroup/user.slice/jupyter/cpu.max", "100000 100000\n");
        Write("sys/fs/cgroup/user.slice/cpu.max", "400000 100000\n");
        Assert.Equal(1.0, CpuBudget.CgroupQuota(root));
    }

    [Fact]
    public void In_a_container_the_mount_itself_is_the_cgroup()
    {
        Write("proc/self/cgroup", "0::/\n");
        Write("sys/fs/cgroup/cpu.max", "50000 100000\n");
        Assert.Equal(0.5, CpuBudget.CgroupQuota(root));
    }

    [Fact]
    public void Cgroup_v1_quota_and_period_are_read_and_minus_one_means_none()
    {
        Write("proc/self/cgroup", "12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n");
        Write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "200000\n");
        Write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us", "100000\n");
        Assert.Equal(2.0, CpuBudget.CgroupQuota(root));
        Write("sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n");
        Assert.Null(CpuBudget.CgroupQuota(root));
    }

    [Fact]
    public void No_cgroup_files_or_unlimited_means_no_quota()
    {
        Assert.Null(CpuBudget.CgroupQuota(root));
        Write("proc/self/cgroup", "0::/\n");
        Write("sys/fs/cgroup/cpu.max", "max 100000\n");
        Assert.Null(CpuBudget.CgroupQuota(root));
        Write("sys/fs/cgroup/cpu.max", "garbage\n");
        Assert.Null(CpuBudget.CgroupQuota(root));
    }

    [Theory]
    [InlineData(null, 16, 2.0, 2)]      // a hub pod limited to 2 CPUs on a 16-core node
    [InlineData(null, 16, 0.5, 1)]      // never below one thread
    [InlineData(null, 16, 3.9, 3)]      // rounded down: a fourth thread would be throttled
    [InlineData(null, 4, null, 4)]      // no quota: the processors the process may run on (affinity)
    [InlineData(null, 2, 8.0, 2)]       // a quota above the affinity changes nothing
    [InlineData("3", 16, 1.0, 3)]       // COURSE_THREADS wins
    [InlineData(" 1 ", 2, null, 1)]
    public void Decides_from_variable_processors_and_quota(string? variable, int processors, double? quota, int expected)
    {
        var decision = CpuBudget.Decide(variable, processors, quota);
        Assert.Equal(expected, decision.Threads);
        Assert.NotEmpty(decision.Reason);
    }

    [Theory]
    [InlineData("zero")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("1.5")]
    public void A_bad_variable_is_a_clear_error(string variable)
    {
        var e = Assert.Throws<ArgumentException>(() => CpuBudget.Decide(variable, 2, null));
        Assert.Contains("COURSE_THREADS", e.Message);
        Assert.Contains("whole number above 0", e.Message);
    }

    [Theory]
    [InlineData("0-3", 4)]
    [InlineData("0,2,4-5", 4)]
    [InlineData("7", 1)]
    public void Counts_linux_cpu_lists(string list, int expected) => Assert.Equal(expected, CpuBudget.CountCpus(list));

    [Fact]
    public void This_process_gets_at_most_the_processors_it_may_run_on()
    {
        var decision = CpuBudget.Decide(null, Environment.ProcessorCount, CpuBudget.CgroupQuota("/"));
        Assert.InRange(decision.Threads, 1, Environment.ProcessorCount);
    }
}

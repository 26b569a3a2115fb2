using Course.Platform;

namespace Course.Tests.Runtime;

public class NativeBackendTests
{
    private const string Cpu = "7f1c2a000000-7f1c2b000000 r-xp 00000000 08:01 1234 /app/cpu/libtorch_cpu.so";
    private const string Sharp = "7f1c2c000000-7f1c2d000000 r-xp 00000000 08:01 1235 /app/cpu/libLibTorchSharp.so";
    private const string Cuda = "7f1c2e000000-7f1c2f000000 r-xp 00000000 08:01 1236 /app/cuda-12.8/libtorch_cuda.so";

    [Fact]
    public void Only_libtorch_cpu_mapped_means_the_cpu_backend() =>
        Assert.Equal(new NativeBackend.Loaded("cpu", "/app/cpu"), NativeBackend.FromMaps(new[] { "[heap]", Cpu, Sharp }));

    [Fact]
    public void Libtorch_cuda_mapped_means_the_cuda_backend() =>
        Assert.Equal("cuda", NativeBackend.FromMaps(new[] { Cpu, Cuda, Sharp }).Name);

    [Fact]
    public void Nothing_mapped_is_unknown() =>
        Assert.Equal(new NativeBackend.Loaded("unknown", null), NativeBackend.FromMaps(new[] { "00400000-00401000 r-xp 0 0 0 /usr/bin/dotnet" }));

    [Fact]
    public void This_process_maps_the_backend_the_build_restored()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal(RestoredPackages.Backend, NativeBackend.Detect().Name);
    }
}

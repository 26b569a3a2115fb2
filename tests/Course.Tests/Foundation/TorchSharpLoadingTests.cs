using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Foundation;

public sealed class TorchSharpLoadingTests
{
    [Fact]
    public void The_native_library_loads_in_the_test_process_and_computes()
    {
        TorchRuntime.EnsureLoaded();
        using var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
        Assert.True(TorchRuntime.Threads > 0);
    }

    [Fact]
    public void The_device_defaults_to_cuda_when_available_else_cpu()
    {
        TorchRuntime.EnsureLoaded();
        var expected = cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, TorchRuntime.ChooseDevice(null).type);
        Assert.Equal(DeviceType.CPU, TorchRuntime.ChooseDevice("cpu").type);
    }

    [Fact]
    public void A_bad_device_setting_says_what_is_accepted()
    {
        TorchRuntime.EnsureLoaded();
        var error = Assert.Throws<ArgumentException>(() => TorchRuntime.ChooseDevice("gpu0"));
        Assert.Contains("COURSE_DEVICE", error.Message);
        Assert.Contains("'cpu'", error.Message);
        if (!cuda.is_available())
        {
            var noGpu = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ChooseDevice("cuda"));
            Assert.Contains("no GPU", noGpu.Message);
        }
    }
}

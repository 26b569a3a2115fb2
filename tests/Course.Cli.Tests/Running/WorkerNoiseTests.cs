using Course.Cli.Commands;

namespace Course.Cli.Tests.Running;

public class WorkerNoiseTests
{
    [Fact]
    public void Only_libtorchs_nnpack_notice_is_kept_out_of_cell_output()
    {
        Assert.True(WorkerNoise.IsHarmlessNativeWarning(
            "[W1123 12:36:32.029929934 NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware."));
        Assert.False(WorkerNoise.IsHarmlessNativeWarning("[W1123 12:36:32.029929934 Module.cpp:12] some other libtorch warning"));
        Assert.False(WorkerNoise.IsHarmlessNativeWarning("Could not initialize CUDA"));
    }
}

using Course.Notebooks.Running;

namespace Course.Notebooks.Tests.Running;

public class WorkerOutputTests
{
    [Fact]
    public void Only_libtorchs_nnpack_notice_is_kept_out_of_cell_output()
    {
        Assert.True(WorkerEngine.IsHarmlessNativeWarning(
            "[W1123 12:36:32.029929934 NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware."));
        Assert.False(WorkerEngine.IsHarmlessNativeWarning("[W1123 12:36:32.029929934 Module.cpp:12] some other libtorch warning"));
        Assert.False(WorkerEngine.IsHarmlessNativeWarning("Could not initialize CUDA"));
    }
}

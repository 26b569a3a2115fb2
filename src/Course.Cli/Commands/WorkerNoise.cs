namespace Course.Cli.Commands;

/// <summary>Lines a notebook worker's native libraries print that `course run` keeps out of cells.</summary>
public static class WorkerNoise
{
    /// <summary>
    /// libtorch prints this on CPUs (often VMs) where its NNPACK convolution kernels cannot run, then quietly uses
    /// its other kernels; in a cell's output it only alarms learners, so it stays in the worker's diagnostics.
    /// </summary>
    public static bool IsHarmlessNativeWarning(string line) =>
        line.Contains("Could not initialize NNPACK! Reason: Unsupported hardware.", StringComparison.Ordinal);
}

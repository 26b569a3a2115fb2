namespace Course.Tests.Data;

/// <summary>
/// Tests that train or seed libtorch share its global generator and both CPU cores, so they run one at a time:
/// a parallel test reseeding torch would break the bit-for-bit reproducibility checks.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    public const string Name = "torch (serial)";
}

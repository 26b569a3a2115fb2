namespace Course.Data;

/// <summary>
/// An image data set cut into the three splits the course keeps apart: training (fit the weights), validation
/// (make every choice) and test (score once, at the end). Deconstructs as <c>var (train, validation, test) = …</c>.
/// </summary>
/// <param name="Train">The training examples: the only ones any statistic (e.g. standardisation) is computed from.</param>
/// <param name="Validation">Examples held out of the training file for choosing settings.</param>
/// <param name="Test">The separate test file.</param>
public sealed record ImageSplits(TensorDataset Train, TensorDataset Validation, TensorDataset Test) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}

namespace Course.Training;

/// <summary>Gradient norms of one training step, measured after backward and before clipping.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="Total">L2 norm of all gradients together (what gradient clipping compares with its limit).</param>
/// <param name="PerLayer">L2 norm of each parameter's gradient, by parameter name (e.g. "fc1.weight").</param>
/// <param name="PerTimeStep">For sequence models that record hidden states: ‖∂loss/∂h_t‖ for t = 1..T; else null.</param>
public sealed record GradientNormRecord(
    int Epoch,
    int Batch,
    double Total,
    IReadOnlyDictionary<string, double> PerLayer,
    IReadOnlyList<double>? PerTimeStep);

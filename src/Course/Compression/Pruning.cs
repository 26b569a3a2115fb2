using Course.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Compression;

/// <summary>
/// Pruning: removing weights. Unstructured (magnitude) pruning zeroes the smallest individual weights, which keeps
/// the tensor shapes, so dense kernels do exactly the same work. Structured pruning removes whole neurons, which
/// makes the layers themselves smaller and therefore the computation too.
/// </summary>
public static class Pruning
{
    /// <summary>
    /// A 0/1 mask (same shape and dtype as <paramref name="weight"/>) that zeroes the fraction <paramref name="sparsity"/>
    /// of entries with the smallest absolute value. Ties at the threshold are broken by position, so the count is exact.
    /// </summary>
    public static Tensor MagnitudeMask(Tensor weight, double sparsity)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (sparsity is < 0 or > 1 || double.IsNaN(sparsity))
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "Sparsity is the fraction of weights to zero, between 0 and 1 (e.g. 0.5).");
        using var scope = NewDisposeScope();
        long total = weight.numel();
        long pruned = (long)Math.Round(sparsity * total);
        var mask = ones_like(weight).flatten();
        if (pruned > 0)
        {
            var smallest = weight.detach().abs().flatten().argsort().slice(0, 0, pruned, 1);
            mask.index_fill_(0, smallest, 0);
        }
        return mask.reshape(weight.shape).MoveToOuterDisposeScope();
    }

    /// <summary>Fraction of entries that are exactly zero (0 for an empty tensor).</summary>
    public static double Sparsity(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.numel() == 0) return 0;
        using var zeros = tensor.eq(0).sum();
        return (double)zeros.ToInt64() / tensor.numel();
    }

    /// <summary>
    /// Zeroes the smallest-magnitude fraction <paramref name="sparsity"/> of every Linear and Conv2d weight (layer by layer;
    /// biases are kept) and returns the masks, so fine-tuning can keep the pruned weights at zero
    /// (pass the result in <c>TrainOptions.Callbacks</c>).
    /// </summary>
    public static PruningMasks Magnitude(nn.Module model, double sparsity)
    {
        ArgumentNullException.ThrowIfNull(model);
        var masks = new Dictionary<string, (Parameter Weight, Tensor Mask)>();
        foreach (var (name, module) in model.named_modules())
        {
            var weight = module switch { Linear l => l.weight, Conv2d c => c.weight, _ => null };
            if (weight is not null) masks[name] = (weight, MagnitudeMask(weight, sparsity));
        }
        if (masks.Count == 0) throw new ArgumentException("The model has no Linear or Conv2d layer to prune.", nameof(model));
        var result = new PruningMasks(masks);
        result.Apply();
        return result;
    }

    /// <summary>
    /// Structured pruning of <see cref="MnistMlp"/>: a new, smaller dense model with only the <paramref name="keep"/> hidden
    /// neurons whose incoming weights have the largest L1 norm (their rows of the first layer, their columns of the second).
    /// </summary>
    public static MnistMlp KeepNeurons(MnistMlp model, int keep)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        long hidden = p["hidden.weight"].shape[0];
        if (keep < 1 || keep > hidden)
            throw new ArgumentOutOfRangeException(nameof(keep), keep, $"Keep between 1 and the {hidden} hidden neurons the model has.");
        var small = new MnistMlp(keep, dropout: 0, inputs: (int)p["hidden.weight"].shape[1], classes: (int)p["output.weight"].shape[0]);
        var q = small.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var kept = p["hidden.weight"].abs().sum(1).argsort(descending: true).slice(0, 0, keep, 1).sort().Values;
            q["hidden.weight"].copy_(p["hidden.weight"].index_select(0, kept));
            q["hidden.bias"].copy_(p["hidden.bias"].index_select(0, kept));
            q["output.weight"].copy_(p["output.weight"].index_select(1, kept));
            q["output.bias"].copy_(p["output.bias"]);
        }
        small.to(p["hidden.weight"].device);
        return small;
    }
}

/// <summary>The masks of a pruned model. As a training callback it re-applies them after every step, so pruned weights stay zero.</summary>
public sealed class PruningMasks : Course.Training.ITrainingCallback, IDisposable
{
    private readonly Dictionary<string, (Parameter Weight, Tensor Mask)> masks;

    internal PruningMasks(Dictionary<string, (Parameter Weight, Tensor Mask)> masks) => this.masks = masks;

    /// <summary>Layer name → mask (1 keeps a weight, 0 prunes it).</summary>
    public IReadOnlyDictionary<string, Tensor> Masks => masks.ToDictionary(m => m.Key, m => m.Value.Mask);

    /// <summary>Fraction of the masked weights that are pruned, over all layers.</summary>
    public double Sparsity => masks.Values.Sum(m => Pruning.Sparsity(m.Mask) * m.Mask.numel()) / masks.Values.Sum(m => m.Mask.numel());

    /// <summary>Multiplies every weight by its mask (in place, without gradients).</summary>
    public void Apply()
    {
        using var noGrad = no_grad();
        foreach (var (weight, mask) in masks.Values) weight.mul_(mask);
    }

    /// <inheritdoc/>
    public void OnBatchEnd(Course.Training.TrainingContext context) => Apply();

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var (_, mask) in masks.Values) mask.Dispose();
        masks.Clear();
    }
}

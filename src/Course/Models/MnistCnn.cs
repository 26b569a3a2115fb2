using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// The convolutional network of source article 000, repaired so it runs: conv(32) → pool → conv(64) → pool →
/// dense(128) → dense(10). Padding 1 keeps each 3×3 convolution's size, so the pools take 28 → 14 → 7 and the
/// first dense layer sees 64·7·7 = 3136 features (the article fed it 64 and crashed).
/// </summary>
public sealed class MnistCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly nn.Module<Tensor, Tensor> norm1;
    private readonly nn.Module<Tensor, Tensor> norm2;
    private readonly Linear fc1;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly Linear fc2;

    /// <summary>Creates the network for 1×28×28 images and <paramref name="classes"/> classes.</summary>
    /// <param name="batchNorm">Insert batch normalisation after each convolution (faster, steadier training).</param>
    /// <param name="dropout">Dropout probability before the last layer; 0 switches it off.</param>
    /// <param name="classes">Number of outputs (logits).</param>
    public MnistCnn(bool batchNorm = false, double dropout = 0.0, int classes = 10) : base(nameof(MnistCnn))
    {
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "must be in [0, 1), e.g. 0.25");
        conv1 = nn.Conv2d(1, 32, kernel_size: 3, padding: 1);
        conv2 = nn.Conv2d(32, 64, kernel_size: 3, padding: 1);
        // Identity when switched off keeps one forward path and the parameter count exact.
        norm1 = batchNorm ? nn.BatchNorm2d(32) : nn.Identity();
        norm2 = batchNorm ? nn.BatchNorm2d(64) : nn.Identity();
        fc1 = nn.Linear(64 * 7 * 7, 128);
        this.dropout = dropout > 0 ? nn.Dropout(dropout) : nn.Identity();
        fc2 = nn.Linear(128, classes);
        RegisterComponents();
    }

    /// <summary>Images [N, 1, 28, 28] → logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.max_pool2d(nn.functional.relu(norm1.call(conv1.call(input))), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(norm2.call(conv2.call(x))), 2);
        x = nn.functional.relu(fc1.call(x.flatten(1)));
        return fc2.call(dropout.call(x)).MoveToOuterDisposeScope();
    }
}

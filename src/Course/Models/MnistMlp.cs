using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// The multilayer perceptron of source article 004: Flatten → Dense(128, ReLU) → Dropout(0.2) → Dense(10).
/// </summary>
public sealed class MnistMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly nn.Module<Tensor, Tensor> dropout;
    private readonly Linear output;

    /// <summary>Creates the network.</summary>
    /// <param name="hidden">Width of the hidden layer.</param>
    /// <param name="dropout">Dropout probability after the hidden layer; 0 switches it off.</param>
    /// <param name="inputs">Features per example after flattening (28·28 for MNIST).</param>
    /// <param name="classes">Number of outputs (logits).</param>
    public MnistMlp(int hidden = 128, double dropout = 0.2, int inputs = 28 * 28, int classes = 10) : base(nameof(MnistMlp))
    {
        if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "the hidden layer needs at least one unit");
        if (dropout is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "must be in [0, 1), e.g. 0.2");
        this.hidden = nn.Linear(inputs, hidden);
        this.dropout = dropout > 0 ? nn.Dropout(dropout) : nn.Identity();
        output = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>Inputs [N, ...] (flattened from dimension 1) → logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(hidden.call(input.flatten(1)));
        return output.call(dropout.call(x)).MoveToOuterDisposeScope();
    }
}

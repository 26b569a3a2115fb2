using Course.Platform;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// A ReLU RNN whose recurrent matrix starts as <c>recurrentScale · I</c>, with zero biases and tiny input
/// weights: the "IRNN" of Le, Jaitly and Hinton (2015), "A Simple Way to Initialize Recurrent Networks of
/// Rectified Linear Units". With a scale of 1 the gradient neither shrinks nor grows through time; above 1 the
/// hidden state and the gradient grow geometrically with the sequence length: the exploding-gradient case that
/// gradient clipping exists for. A linear head reads the last hidden state, as in <c>SequenceRegressor</c>.
/// </summary>
public sealed class IdentityRnnRegressor : nn.Module<Tensor, Tensor>
{
    private readonly RNN rnn;
    private readonly Linear head;

    /// <summary>Creates the network.</summary>
    /// <param name="inputSize">Features per time step.</param>
    /// <param name="hiddenSize">Width of the hidden state.</param>
    /// <param name="outputs">Numbers predicted per sequence.</param>
    /// <param name="recurrentScale">The recurrent matrix starts as this multiple of the identity (Le et al. use 1).</param>
    /// <param name="inputStd">Standard deviation of the initial input weights (Le et al. use 0.001).</param>
    public IdentityRnnRegressor(int inputSize, int hiddenSize, int outputs = 1, double recurrentScale = 1.0, double inputStd = 0.001)
        : base(nameof(IdentityRnnRegressor))
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "needs at least one feature per time step");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "needs at least one hidden unit");
        if (recurrentScale <= 0) throw new ArgumentOutOfRangeException(nameof(recurrentScale), recurrentScale, "the recurrent scale must be positive (Le et al. use 1.0)");
        TorchRuntime.EnsureLoaded();
        rnn = nn.RNN(inputSize, hiddenSize, numLayers: 1, nonLinearity: nn.NonLinearities.ReLU, batchFirst: true);
        head = nn.Linear(hiddenSize, outputs);
        using (no_grad())
        {
            foreach (var (name, parameter) in rnn.named_parameters())
            {
                if (name.StartsWith("weight_hh")) parameter.copy_(eye(hiddenSize) * recurrentScale);
                else if (name.StartsWith("weight_ih")) nn.init.normal_(parameter, 0, inputStd);
                else parameter.zero_();
            }
        }
        RegisterComponents();
    }

    /// <summary>Sequences [N, T, features] → outputs [N, outputs].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var last = rnn.call(input, null).Item1.select(1, -1);
        return head.call(last).MoveToOuterDisposeScope();
    }
}

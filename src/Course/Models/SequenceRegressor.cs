using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>A recurrent network that reads a sequence and predicts numbers (the adding problem, the next value of a series).</summary>
public sealed class SequenceRegressor : nn.Module<Tensor, Tensor>, IHiddenStateRecorder
{
    private readonly RecurrentEncoder encoder;
    private readonly Linear head;

    /// <summary>Creates the regressor.</summary>
    /// <param name="inputSize">Features per time step (28 for MNIST rows).</param>
    /// <param name="hiddenSize">Width of the hidden state.</param>
    /// <param name="outputs">Numbers predicted per sequence.</param>
    /// <param name="kind">RNN, LSTM or GRU.</param>
    /// <param name="layers">Stacked recurrent layers.</param>
    public SequenceRegressor(int inputSize, int hiddenSize, int outputs = 1, RecurrentKind kind = RecurrentKind.Lstm, int layers = 1)
        : base(nameof(SequenceRegressor))
    {
        encoder = new RecurrentEncoder(inputSize, hiddenSize, kind, layers);
        head = nn.Linear(hiddenSize, outputs);
        RegisterComponents();
    }

    /// <summary>The recurrent part (its kind, hidden size, and recorded states).</summary>
    public RecurrentEncoder Encoder => encoder;

    /// <inheritdoc />
    public bool RecordHiddenStates { get => encoder.RecordHiddenStates; set => encoder.RecordHiddenStates = value; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> HiddenStates => encoder.HiddenStates;

    /// <inheritdoc />
    public void ClearHiddenStates() => encoder.ClearHiddenStates();

    /// <summary>Sequences [N, T, features] → predictions [N, outputs].</summary>
    public override Tensor forward(Tensor input)
    {
        using var last = encoder.call(input);
        return head.call(last);
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>A recurrent network that reads a sequence and names its class (e.g. MNIST read row by row).</summary>
public sealed class SequenceClassifier : nn.Module<Tensor, Tensor>, IHiddenStateRecorder
{
    private readonly RecurrentEncoder encoder;
    private readonly Linear head;

    /// <summary>Creates the classifier.</summary>
    /// <param name="inputSize">Features per time step (28 for MNIST rows).</param>
    /// <param name="hiddenSize">Width of the hidden state.</param>
    /// <param name="classes">Number of classes (logits out).</param>
    /// <param name="kind">RNN, LSTM or GRU.</param>
    /// <param name="layers">Stacked recurrent layers.</param>
    public SequenceClassifier(int inputSize, int hiddenSize, int classes, RecurrentKind kind = RecurrentKind.Lstm, int layers = 1)
        : base(nameof(SequenceClassifier))
    {
        encoder = new RecurrentEncoder(inputSize, hiddenSize, kind, layers);
        head = nn.Linear(hiddenSize, classes);
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

    /// <summary>Sequences [N, T, features] → logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var last = encoder.call(input);
        return head.call(last);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// Reads a sequence [N, T, features] with an RNN, LSTM or GRU and returns the top layer's last hidden state
/// [N, hidden]. The heads in <see cref="SequenceClassifier"/> and <see cref="SequenceRegressor"/> sit on it.
/// </summary>
public sealed class RecurrentEncoder : nn.Module<Tensor, Tensor>, IHiddenStateRecorder
{
    private readonly nn.Module rnn;
    private readonly List<Tensor> states = [];

    /// <summary>Creates the encoder.</summary>
    public RecurrentEncoder(int inputSize, int hiddenSize, RecurrentKind kind = RecurrentKind.Lstm, int layers = 1)
        : base(nameof(RecurrentEncoder))
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "needs at least one feature per time step");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "needs at least one hidden unit");
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "needs at least one layer");
        Kind = kind;
        HiddenSize = hiddenSize;
        rnn = kind switch
        {
            RecurrentKind.Rnn => nn.RNN(inputSize, hiddenSize, layers, batchFirst: true),
            RecurrentKind.Lstm => nn.LSTM(inputSize, hiddenSize, layers, batchFirst: true),
            RecurrentKind.Gru => nn.GRU(inputSize, hiddenSize, layers, batchFirst: true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown recurrent kind"),
        };
        RegisterComponents();
    }

    /// <summary>The recurrent cell in use.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>Width of the hidden state.</summary>
    public int HiddenSize { get; }

    /// <inheritdoc />
    public bool RecordHiddenStates { get; set; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> HiddenStates => states;

    /// <inheritdoc />
    public void ClearHiddenStates() => states.Clear();

    /// <summary>Sequence [N, T, features] → last hidden state of the top layer [N, hidden].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3)
            throw new ArgumentException($"expected a batch of sequences [N, T, features], got [{string.Join(", ", input.shape)}]", nameof(input));
        states.Clear();
        return RecordHiddenStates && is_grad_enabled() ? StepByStep(input) : AllAtOnce(input);
    }

    // The fused kernel: fast, but the intermediate states exist only inside it.
    private Tensor AllAtOnce(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor output = rnn switch
        {
            TorchSharp.Modules.LSTM lstm => lstm.call(input, null).Item1,
            TorchSharp.Modules.GRU gru => gru.call(input, null).Item1,
            TorchSharp.Modules.RNN plain => plain.call(input, null).Item1,
            _ => throw new InvalidOperationException("unreachable"),
        };
        return output.select(1, -1).MoveToOuterDisposeScope();
    }

    // The same weights applied one step at a time, so that each h_t is a tensor of its own whose gradient can
    // be retained: ∂loss/∂h_t then includes everything that flows back through the later steps.
    private Tensor StepByStep(Tensor input)
    {
        long steps = input.shape[1];
        Tensor? h = null, c = null;
        for (long t = 0; t < steps; t++)
        {
            var x = input.narrow(1, t, 1);
            switch (rnn)
            {
                case TorchSharp.Modules.LSTM lstm:
                    var (_, hn, cn) = lstm.call(x, h is null ? null : (h, c!));
                    (h, c) = (hn, cn);
                    break;
                case TorchSharp.Modules.GRU gru:
                    h = gru.call(x, h).Item2;
                    break;
                case TorchSharp.Modules.RNN plain:
                    h = plain.call(x, h).Item2;
                    break;
            }
            h!.retain_grad();
            states.Add(h);
        }
        return h!.select(0, -1);
    }
}

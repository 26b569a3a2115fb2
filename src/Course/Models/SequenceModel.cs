using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// A <see cref="RecurrentEncoder"/> followed by a linear head on its last hidden state: the shape shared by
/// <see cref="SequenceClassifier"/> (logits out) and <see cref="SequenceRegressor"/> (numbers out).
/// </summary>
public abstract class SequenceModel : nn.Module<Tensor, Tensor>, IHiddenStateRecorder
{
    private readonly RecurrentEncoder encoder;
    private readonly Linear head;

    /// <summary>Creates the encoder and the head and registers them as "encoder" and "head".</summary>
    protected SequenceModel(string name, int inputSize, int hiddenSize, int outputs, RecurrentKind kind, int layers) : base(name)
    {
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "needs at least one output");
        encoder = new RecurrentEncoder(inputSize, hiddenSize, kind, layers);
        head = nn.Linear(hiddenSize, outputs);
        // Registered by name: RegisterComponents would not see a base class's private fields.
        register_module("encoder", encoder);
        register_module("head", head);
    }

    /// <summary>The recurrent part (its kind, hidden size, and recorded states).</summary>
    public RecurrentEncoder Encoder => encoder;

    /// <inheritdoc />
    public bool RecordHiddenStates { get => encoder.RecordHiddenStates; set => encoder.RecordHiddenStates = value; }

    /// <inheritdoc />
    public IReadOnlyList<Tensor> HiddenStates => encoder.HiddenStates;

    /// <inheritdoc />
    public void ClearHiddenStates() => encoder.ClearHiddenStates();

    /// <summary>Sequences [N, T, features] → outputs [N, outputs].</summary>
    public override Tensor forward(Tensor input)
    {
        using var last = encoder.call(input);
        return head.call(last);
    }
}

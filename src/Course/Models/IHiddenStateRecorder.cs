using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// A model that can keep its hidden state at every time step, with gradients retained, so the gradient that
/// reaches step t (‖∂loss/∂h_t‖) can be measured after backward: the picture of vanishing gradients.
/// </summary>
public interface IHiddenStateRecorder
{
    /// <summary>When true, forward runs step by step and keeps each step's hidden state (slower; for analysis).</summary>
    bool RecordHiddenStates { get; set; }

    /// <summary>The hidden states h_1..h_T of the last forward pass, oldest first (empty when not recording).</summary>
    IReadOnlyList<Tensor> HiddenStates { get; }

    /// <summary>Forgets the recorded states (they belong to the dispose scope of the step that made them).</summary>
    void ClearHiddenStates();
}

namespace Course.Models;

/// <summary>Which recurrent cell a sequence model uses.</summary>
public enum RecurrentKind
{
    /// <summary>Plain (Elman) RNN with tanh: the simplest cell, and the one whose gradients vanish.</summary>
    Rnn,
    /// <summary>Long short-term memory: a gated cell state carries gradients across many steps.</summary>
    Lstm,
    /// <summary>Gated recurrent unit: LSTM's idea with fewer gates and parameters.</summary>
    Gru,
}

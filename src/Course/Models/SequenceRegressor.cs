namespace Course.Models;

/// <summary>A recurrent network that reads a sequence and predicts numbers (the adding problem, the next value of a series).</summary>
/// <param name="inputSize">Features per time step.</param>
/// <param name="hiddenSize">Width of the hidden state.</param>
/// <param name="outputs">Numbers predicted per sequence.</param>
/// <param name="kind">RNN, LSTM or GRU.</param>
/// <param name="layers">Stacked recurrent layers.</param>
public sealed class SequenceRegressor(int inputSize, int hiddenSize, int outputs = 1, RecurrentKind kind = RecurrentKind.Lstm, int layers = 1)
    : SequenceModel(nameof(SequenceRegressor), inputSize, hiddenSize, outputs, kind, layers);

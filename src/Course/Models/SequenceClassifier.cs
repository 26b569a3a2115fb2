namespace Course.Models;

/// <summary>A recurrent network that reads a sequence and names its class (e.g. MNIST read row by row); outputs logits.</summary>
/// <param name="inputSize">Features per time step (28 for MNIST rows).</param>
/// <param name="hiddenSize">Width of the hidden state.</param>
/// <param name="classes">Number of classes (logits out).</param>
/// <param name="kind">RNN, LSTM or GRU.</param>
/// <param name="layers">Stacked recurrent layers.</param>
public sealed class SequenceClassifier(int inputSize, int hiddenSize, int classes, RecurrentKind kind = RecurrentKind.Lstm, int layers = 1)
    : SequenceModel(nameof(SequenceClassifier), inputSize, hiddenSize, classes, kind, layers);

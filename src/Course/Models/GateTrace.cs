using Course.Models;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Models;

/// <summary>
/// What the gates of a trained LSTM or GRU did while it read one sequence: every gate's activation for every
/// time step and hidden unit, recomputed from the model's own weights with the textbook equations (PyTorch's
/// gate order), so a notebook can plot what the equations describe. Only the first recurrent layer is traced.
/// </summary>
public sealed class GateTrace
{
    private GateTrace(RecurrentKind kind, IReadOnlyDictionary<string, double[][]> gates, double[][] hidden, double[][]? cell)
    {
        Kind = kind;
        Gates = gates;
        Hidden = hidden;
        Cell = cell;
    }

    /// <summary>The cell that was traced.</summary>
    public RecurrentKind Kind { get; }

    /// <summary>
    /// Gate activations by name, each [T][hidden]: LSTM "input", "forget", "candidate", "output";
    /// GRU "reset", "update", "candidate"; none for a plain RNN.
    /// </summary>
    public IReadOnlyDictionary<string, double[][]> Gates { get; }

    /// <summary>Hidden state h_t after each step, [T][hidden].</summary>
    public double[][] Hidden { get; }

    /// <summary>The LSTM's cell state c_t after each step, [T][hidden]; null for RNN and GRU.</summary>
    public double[][]? Cell { get; }

    /// <summary>Number of time steps traced.</summary>
    public int Steps => Hidden.Length;

    /// <summary>One gate's activation averaged over the hidden units, per time step.</summary>
    public double[] MeanOverUnits(string gate)
    {
        if (!Gates.TryGetValue(gate, out var values))
            throw new ArgumentException($"No gate \"{gate}\" in a {Kind} trace; it has: {(Gates.Count == 0 ? "none" : string.Join(", ", Gates.Keys))}.", nameof(gate));
        return values.Select(step => step.Average()).ToArray();
    }

    /// <summary>
    /// Runs the first recurrent layer of <paramref name="model"/> over one <paramref name="sequence"/>
    /// ([T, features] or [1, T, features]) step by step and records its gates.
    /// </summary>
    public static GateTrace Record(SequenceModel model, Tensor sequence)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequence);
        TorchRuntime.EnsureLoaded();
        if (sequence.dim() == 3 && sequence.shape[0] == 1) sequence = sequence[0];
        if (sequence.dim() != 2)
            throw new ArgumentException($"Give one sequence [T, features] (or [1, T, features]); got [{string.Join(", ", sequence.shape)}].", nameof(sequence));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weights = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        Tensor W(string name) => weights.TryGetValue($"encoder.rnn.{name}_l0", out var w)
            ? w.detach().cpu().to_type(ScalarType.Float64)
            : throw new InvalidOperationException($"The model has no parameter encoder.rnn.{name}_l0: is it a SequenceClassifier/SequenceRegressor?");
        var (wIh, wHh, bIh, bHh) = (W("weight_ih"), W("weight_hh"), W("bias_ih"), W("bias_hh"));
        var x = sequence.detach().cpu().to_type(ScalarType.Float64);
        var kind = model.Encoder.Kind;
        int hiddenSize = model.Encoder.HiddenSize;
        if (x.shape[1] != wIh.shape[1])
            throw new ArgumentException($"The sequence has {x.shape[1]} features per step but the model expects {wIh.shape[1]}.", nameof(sequence));

        var names = kind switch
        {
            RecurrentKind.Lstm => new[] { "input", "forget", "candidate", "output" },
            RecurrentKind.Gru => new[] { "reset", "update", "candidate" },
            _ => Array.Empty<string>(),
        };
        var gates = names.ToDictionary(n => n, _ => new List<double[]>());
        var hidden = new List<double[]>();
        var cells = new List<double[]>();
        var h = zeros(hiddenSize, dtype: ScalarType.Float64);
        var c = zeros(hiddenSize, dtype: ScalarType.Float64);
        for (long t = 0; t < x.shape[0]; t++)
        {
            var fromInput = wIh.matmul(x[t]) + bIh;
            var fromHidden = wHh.matmul(h) + bHh;
            switch (kind)
            {
                case RecurrentKind.Lstm:
                {
                    var parts = (fromInput + fromHidden).chunk(4);
                    var (i, f, g, o) = (parts[0].sigmoid(), parts[1].sigmoid(), parts[2].tanh(), parts[3].sigmoid());
                    c = f * c + i * g;
                    h = o * c.tanh();
                    Add(gates, ("input", i), ("forget", f), ("candidate", g), ("output", o));
                    cells.Add(c.data<double>().ToArray());
                    break;
                }
                case RecurrentKind.Gru:
                {
                    var xi = fromInput.chunk(3);
                    var hh = fromHidden.chunk(3);
                    var r = (xi[0] + hh[0]).sigmoid();
                    var z = (xi[1] + hh[1]).sigmoid();
                    var n = (xi[2] + r * hh[2]).tanh();
                    h = (1 - z) * n + z * h;
                    Add(gates, ("reset", r), ("update", z), ("candidate", n));
                    break;
                }
                default:
                    h = (fromInput + fromHidden).tanh();
                    break;
            }
            hidden.Add(h.data<double>().ToArray());
        }
        return new GateTrace(kind, gates.ToDictionary(g => g.Key, g => g.Value.ToArray()), hidden.ToArray(),
            kind == RecurrentKind.Lstm ? cells.ToArray() : null);
    }

    private static void Add(Dictionary<string, List<double[]>> gates, params (string Name, Tensor Value)[] values)
    {
        foreach (var (name, value) in values) gates[name].Add(value.data<double>().ToArray());
    }
}

using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Tests.Sequences;

[Collection(TorchCollection.Name)]
public sealed class GateTraceTests
{
    public GateTraceTests() => TorchRuntime.EnsureLoaded();

    [Theory]
    [InlineData(RecurrentKind.Rnn)]
    [InlineData(RecurrentKind.Lstm)]
    [InlineData(RecurrentKind.Gru)]
    public void Hidden_states_recomputed_from_the_gate_equations_match_TorchSharps_own_cell(RecurrentKind kind)
    {
        Seeds.Set(3);
        using var model = new SequenceRegressor(3, 5, kind: kind);
        using var sequence = randn(7, 3);
        model.RecordHiddenStates = true;
        using var output = model.call(sequence.unsqueeze(0));
        var trace = GateTrace.Record(model, sequence);

        Assert.Equal(7, trace.Steps);
        for (int t = 0; t < 7; t++)
        {
            var expected = model.HiddenStates[t].detach().reshape(-1).to_type(ScalarType.Float64).data<double>().ToArray();
            Assert.Equal(expected.Length, trace.Hidden[t].Length);
            for (int u = 0; u < expected.Length; u++) Assert.Equal(expected[u], trace.Hidden[t][u], 1e-5);
        }
        model.ClearHiddenStates();
    }

    [Fact]
    public void Lstm_trace_has_four_gates_in_range_and_a_cell_state_rnn_has_none()
    {
        Seeds.Set(4);
        using var lstm = new SequenceRegressor(2, 4, kind: RecurrentKind.Lstm);
        var trace = GateTrace.Record(lstm, randn(1, 6, 2));
        Assert.Equal(["input", "forget", "candidate", "output"], trace.Gates.Keys);
        foreach (var gate in new[] { "input", "forget", "output" })
            Assert.All(trace.Gates[gate].SelectMany(step => step), v => Assert.InRange(v, 0.0, 1.0));
        Assert.All(trace.Gates["candidate"].SelectMany(step => step), v => Assert.InRange(v, -1.0, 1.0));
        Assert.NotNull(trace.Cell);
        Assert.Equal(trace.Gates["forget"][2].Average(), trace.MeanOverUnits("forget")[2], 1e-12);

        using var rnn = new SequenceRegressor(2, 4, kind: RecurrentKind.Rnn);
        var plain = GateTrace.Record(rnn, randn(6, 2));
        Assert.Empty(plain.Gates);
        Assert.Null(plain.Cell);
        var error = Assert.Throws<ArgumentException>(() => plain.MeanOverUnits("forget"));
        Assert.Contains("none", error.Message);
    }

    [Fact]
    public void Gru_trace_names_its_three_gates()
    {
        using var gru = new SequenceClassifier(2, 4, 3, kind: RecurrentKind.Gru);
        var trace = GateTrace.Record(gru, randn(5, 2));
        Assert.Equal(["reset", "update", "candidate"], trace.Gates.Keys);
    }

    [Fact]
    public void A_batch_or_a_wrong_feature_count_is_refused_with_the_shape_it_got()
    {
        using var model = new SequenceRegressor(2, 4);
        var batch = Assert.Throws<ArgumentException>(() => GateTrace.Record(model, randn(3, 6, 2)));
        Assert.Contains("[3, 6, 2]", batch.Message);
        var features = Assert.Throws<ArgumentException>(() => GateTrace.Record(model, randn(6, 5)));
        Assert.Contains("5 features", features.Message);
    }
}

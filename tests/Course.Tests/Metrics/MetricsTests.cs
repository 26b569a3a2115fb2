using Course.Metrics;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Tests.Metrics;

public class MetricsTests
{
    public MetricsTests() => TorchRuntime.EnsureLoaded();

    // Hand-made case: 3 classes, 8 examples.
    // true:      0 0 0 1 1 2 2 2
    // predicted: 0 0 1 1 2 2 2 0
    private static readonly long[] Actual = [0, 0, 0, 1, 1, 2, 2, 2];
    private static readonly long[] Predicted = [0, 0, 1, 1, 2, 2, 2, 0];

    [Fact]
    public void Confusion_matrix_counts_pairs_of_true_and_predicted()
    {
        var cm = ConfusionMatrix.From(tensor(Predicted), tensor(Actual));
        int[][] expected = [[2, 1, 0], [0, 1, 1], [1, 0, 2]];
        Assert.Equal(expected, cm.ToRows());
        Assert.Equal(8, cm.Total);
        Assert.Equal(5.0 / 8, cm.Accuracy, 12);
        Assert.Equal([2.0 / 3, 1.0 / 2, 2.0 / 3], cm.PerClassAccuracy());
    }

    [Fact]
    public void Logits_are_reduced_to_their_argmax()
    {
        var logits = tensor(new float[,] { { 2, 1, 0 }, { 0, 3, 1 }, { 0, 1, 5 }, { 4, 0, 0 } });
        var labels = tensor(new long[] { 0, 1, 1, 2 });
        Assert.Equal(0.5, Classification.Accuracy(logits, labels), 12);
        var cm = ConfusionMatrix.From(logits, labels);
        Assert.Equal(3, cm.Classes);
        Assert.Equal(1, cm[1, 2]);
        Assert.Equal(1, cm[2, 0]);
    }

    [Fact]
    public void Precision_recall_and_F1_match_hand_computation()
    {
        // Class 2: TP = 2, predicted 2 three times (precision 2/3), actually 2 three times (recall 2/3).
        var c2 = Classification.Binary(tensor(Predicted), tensor(Actual), positive: 2);
        Assert.Equal(2.0 / 3, c2.Precision, 12);
        Assert.Equal(2.0 / 3, c2.Recall, 12);
        Assert.Equal(2.0 / 3, c2.F1, 12);
        // Class 1: TP = 1, predicted 1 twice (precision 1/2), actually 1 twice (recall 1/2).
        // Class 0: TP = 2, predicted 0 three times (2/3), actually 0 three times (2/3).
        var macro = Classification.Macro(tensor(Predicted), tensor(Actual));
        Assert.Equal((2.0 / 3 + 1.0 / 2 + 2.0 / 3) / 3, macro.Precision, 12);
        Assert.Equal((2.0 / 3 + 1.0 / 2 + 2.0 / 3) / 3, macro.Recall, 12);

        // Asymmetric binary case: TP 3, FP 1, FN 2 → precision 0.75, recall 0.6, F1 = 2·0.45/1.35 = 2/3.
        var binary = Classification.Binary(tensor(new long[] { 1, 1, 1, 1, 0, 0, 0 }), tensor(new long[] { 1, 1, 1, 0, 1, 1, 0 }));
        Assert.Equal(0.75, binary.Precision, 12);
        Assert.Equal(0.6, binary.Recall, 12);
        Assert.Equal(2.0 / 3, binary.F1, 12);
    }

    [Fact]
    public void Precision_recall_curve_recall_never_decreases_as_threshold_falls()
    {
        var generator = manual_seed(7);
        var labels = randint(0, 2, 500, generator: generator);
        var scores = labels.to_type(ScalarType.Float32) * 0.5f + rand(500, generator: generator);
        var curve = PrecisionRecallCurve.Sweep(scores, labels, thresholds: 50);
        Assert.Equal(50, curve.Count);
        for (int i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Threshold < curve[i - 1].Threshold);
            Assert.True(curve[i].Recall >= curve[i - 1].Recall);
        }
        Assert.Equal(1.0, curve[^1].Recall); // lowest threshold predicts everything positive
        Assert.Equal(labels.sum().item<long>() / 500.0, curve[^1].Precision, 12);
    }

    [Fact]
    public void Most_confidently_wrong_lists_mistakes_by_confidence()
    {
        var logits = tensor(new float[,] { { 5, 0 }, { 0, 1 }, { 0, 9 }, { 2, 0 } });
        var labels = tensor(new long[] { 0, 0, 0, 1 });
        var wrong = Classification.MostConfidentlyWrong(logits, labels, k: 5);
        Assert.Equal([2, 3, 1], wrong.Select(m => m.Index));
        Assert.Equal(0, wrong[0].True);
        Assert.Equal(1, wrong[0].Predicted);
        Assert.Equal(1 / (1 + Math.Exp(-9)), wrong[0].Confidence, 6);
    }

    [Fact]
    public void Standard_error_of_99_percent_on_10k_is_about_a_tenth_of_a_percent()
    {
        Assert.Equal(0.000995, Classification.StandardError(0.99, 10_000), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.StandardError(99, 10_000));
    }

    [Fact]
    public void Latency_stats_use_interpolated_percentiles()
    {
        var stats = LatencyStats.From([5, 1, 4, 2, 3, 100]);
        Assert.Equal(3.5, stats.Median, 12);
        Assert.Equal(1, stats.Min);
        Assert.Equal(100, stats.Max);
        Assert.Equal(5 + (100 - 5) * 0.75, stats.P95, 9); // rank 0.95·5 = 4.75: between 5 and 100
        Assert.Equal(4.75 - 2.25, stats.Iqr, 9);
        Assert.Throws<ArgumentException>(() => LatencyStats.From([]));
    }

    [Fact]
    public void Timing_runs_warmups_then_repeats_and_returns_every_sample()
    {
        int calls = 0;
        var result = Timing.Measure(() => { calls++; Thread.Sleep(2); }, warmup: 2, repeats: 5, device: CPU);
        Assert.Equal(7, calls);
        Assert.Equal(5, result.SamplesMs.Count);
        Assert.All(result.SamplesMs, ms => Assert.True(ms >= 1.5, $"{ms} ms is shorter than the 2 ms sleep"));
        Assert.Equal(5, result.Summary.Count);
    }

    [Fact]
    public void Timing_compare_warms_both_then_alternates_their_timed_runs()
    {
        var order = new List<char>();
        var (a, b) = Timing.Compare(() => { order.Add('a'); Thread.Sleep(1); }, () => { order.Add('b'); Thread.Sleep(3); },
            warmup: 1, repeats: 4, device: CPU);

        Assert.Equal("ab" + "ab" + "ba" + "ab" + "ba", new string(order.ToArray()));
        Assert.Equal(4, a.SamplesMs.Count);
        Assert.Equal(4, b.SamplesMs.Count);
        Assert.All(b.SamplesMs, ms => Assert.True(ms >= 2.5, $"{ms} ms is shorter than the second action's 3 ms sleep"));
        Assert.True(a.Summary.Median < b.Summary.Median, "each sample belongs to the action that produced it");
        Assert.Throws<ArgumentOutOfRangeException>(() => Timing.Compare(() => { }, () => { }, repeats: 0, device: CPU));
    }
}

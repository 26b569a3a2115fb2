using Course.Experiments;

namespace Course.Tests.Experiments;

public sealed class HyperparameterSearchTests
{
    // A made-up learning curve: candidate c reaches quality c, approached as 1 − 1/epochs.
    private static double Curve(double quality, int epochs) => quality * (1 - 1.0 / (epochs + 1));

    [Theory]
    [InlineData(1, 9, 3, new[] { 1, 3, 9 })]
    [InlineData(2, 10, 3, new[] { 2, 6, 10 })]
    [InlineData(5, 5, 2, new[] { 5 })]
    [InlineData(1, 8, 2, new[] { 1, 2, 4, 8 })]
    public void Rounds_grow_by_eta_and_end_at_the_full_epochs(int min, int max, int eta, int[] expected) =>
        Assert.Equal(expected, HyperparameterSearch.RungEpochs(min, max, eta));

    [Fact]
    public void Successive_halving_keeps_the_best_third_each_round_and_spends_what_its_cost_says()
    {
        var qualities = Enumerable.Range(0, 27).Select(i => (i * 7 % 27) / 27.0).ToArray();   // a shuffled order, best is index 23 (26/27)
        var calls = new List<(double Quality, int Epochs)>();
        var result = HyperparameterSearch.SuccessiveHalving(qualities, 1, 9, 3, (q, e) => { calls.Add((q, e)); return Curve(q, e); });

        Assert.Equal([27, 9, 3], result.Trials.GroupBy(t => t.Rung).Select(g => g.Count()));
        Assert.All(result.Trials, t => Assert.Equal(new[] { 1, 3, 9 }[t.Rung], t.Epochs));
        Assert.Equal(qualities.OrderDescending().Take(9).Order(), result.Trials.Where(t => t.Rung == 1).Select(t => t.Candidate).Order());
        Assert.Equal(qualities.Max(), result.Chosen.Candidate);
        Assert.Equal(9, result.Chosen.Epochs);
        Assert.Equal(81, result.EpochsSpent);
        Assert.Equal(HyperparameterSearch.SuccessiveHalvingCost(27, 1, 9, 3), result.EpochsSpent);
        Assert.Equal(calls.Sum(c => c.Epochs), result.EpochsSpent);
        Assert.Equal(27, result.CandidatesTried);
        Assert.Equal(result.Trials.Select((t, i) => result.Trials.Take(i + 1).Sum(u => u.Epochs)), result.Trials.Select(t => t.EpochsSpent));
    }

    [Fact]
    public void A_candidate_that_starts_slowly_is_dropped_even_if_it_would_have_won()
    {
        // Candidate 0 learns slowly but ends best; successive halving judges it after one epoch and drops it.
        double Slow(int c, int epochs) => c == 0 ? (epochs >= 9 ? 0.99 : 0.1) : 0.5 + c / 100.0;
        var result = HyperparameterSearch.SuccessiveHalving([0, 1, 2, 3], 1, 9, 2, Slow);
        Assert.DoesNotContain(result.Trials, t => t.Candidate == 0 && t.Rung > 0);
        Assert.Equal(3, result.Chosen.Candidate);
        Assert.Equal(0.99, HyperparameterSearch.TrainEach([0, 1, 2, 3], 9, Slow).Chosen.Score);
    }

    [Fact]
    public void Equal_scores_keep_candidate_order_and_one_survivor_still_trains_to_the_full_epochs()
    {
        var result = HyperparameterSearch.SuccessiveHalving(["a", "b", "c", "d"], 1, 27, 3, (_, _) => 0.5);
        Assert.Equal(["a", "b", "c", "d", "a", "a", "a"], result.Trials.Select(t => t.Candidate));
        Assert.Equal([1, 1, 1, 1, 3, 9, 27], result.Trials.Select(t => t.Epochs));
        Assert.Equal("a", result.Chosen.Candidate);
    }

    [Fact]
    public void Training_each_candidate_chooses_the_first_best_and_the_best_so_far_curve_only_rises()
    {
        double[] scores = [0.3, 0.9, 0.2, 0.9, 0.5];
        var result = HyperparameterSearch.TrainEach(Enumerable.Range(0, 5).ToArray(), 4, (i, e) => { Assert.Equal(4, e); return scores[i]; });
        Assert.Equal(1, result.Chosen.Index);
        Assert.Equal(20, result.EpochsSpent);
        var curve = result.BestSoFar("grid");
        Assert.Equal([4.0, 8, 12, 16, 20], curve.X);
        Assert.Equal([0.3, 0.9, 0.9, 0.9, 0.9], curve.Y);
    }

    [Theory]
    [InlineData(81, 27)]
    [InlineData(82, 28)]
    [InlineData(13, 1)]
    [InlineData(25, 8)]     // 8 + 2·3 + 1·9 = 23; 9 would cost 27
    public void The_candidates_that_fit_a_budget_are_the_most_whose_cost_stays_within_it(int budget, int expected)
    {
        int n = HyperparameterSearch.CandidatesWithin(budget, 1, 9, 3);
        Assert.Equal(expected, n);
        Assert.True(HyperparameterSearch.SuccessiveHalvingCost(n, 1, 9, 3) <= budget);
        Assert.True(HyperparameterSearch.SuccessiveHalvingCost(n + 1, 1, 9, 3) > budget);
    }

    [Fact]
    public void Bad_input_is_one_clear_error()
    {
        Assert.Contains("does not pay for one candidate", Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.CandidatesWithin(12, 1, 9, 3)).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.RungEpochs(1, 9, 1)).Message);
        Assert.Contains("fewer epochs than the first", Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.RungEpochs(4, 3, 3)).Message);
        Assert.Contains("at least one epoch", Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.RungEpochs(0, 3, 3)).Message);
        Assert.Contains("at least one candidate", Assert.Throws<ArgumentException>(() => HyperparameterSearch.SuccessiveHalving(Array.Empty<int>(), 1, 9, 3, (_, _) => 0)).Message);
        Assert.Contains("at least one candidate", Assert.Throws<ArgumentException>(() => HyperparameterSearch.TrainEach(Array.Empty<int>(), 3, (_, _) => 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.TrainEach([1], 0, (_, _) => 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HyperparameterSearch.SuccessiveHalvingCost(0, 1, 9, 3));
        var nan = Assert.Throws<InvalidOperationException>(() => HyperparameterSearch.SuccessiveHalving([1, 2], 1, 3, 2, (c, _) => c == 2 ? double.NaN : 0));
        Assert.Contains("Candidate 1 (2) scored NaN after 1 epochs", nan.Message);
    }
}

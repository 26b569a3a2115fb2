namespace Course.Experiments;

/// <summary>
/// What picking the best of several models by their score on one set does to that score.
/// </summary>
/// <param name="Models">How many candidate models were compared.</param>
/// <param name="Repeats">How many random splits of the scoring data the result averages over.</param>
/// <param name="SelectedOnSelectionSet">Mean accuracy of the chosen model on the set it was chosen by (what gets reported when tuning on the test set).</param>
/// <param name="SelectedOnFreshSet">Mean accuracy of the same chosen model on fresh data it was not chosen by (the honest number).</param>
/// <param name="AnyModelGap">Mean difference between the two sets for a model picked at random, not by score (≈ 0: the sets are alike).</param>
public sealed record SelectionBiasResult(int Models, int Repeats, double SelectedOnSelectionSet, double SelectedOnFreshSet, double AnyModelGap)
{
    /// <summary>How much choosing by score inflates the score: selection-set accuracy minus fresh accuracy.</summary>
    public double Optimism => SelectedOnSelectionSet - SelectedOnFreshSet;

    /// <inheritdoc/>
    public override string ToString() =>
        $"best of {Models} by score: {SelectedOnSelectionSet:P2} on the set used to choose, {SelectedOnFreshSet:P2} on fresh data " +
        $"(optimism {Optimism * 100:+0.00;-0.00;0.00} points; a model not chosen by score: {AnyModelGap * 100:+0.00;-0.00;0.00} points; mean of {Repeats} splits)";
}

/// <summary>Measures selection bias ("tuning on the test set") from per-example correctness, without retraining anything.</summary>
public static class SelectionBias
{
    /// <summary>
    /// <paramref name="correct"/>[m][i] says whether model m got example i right. Each repeat shuffles the examples,
    /// scores every model on the first <paramref name="selectionSize"/> (the "test set" someone tunes on), picks the best,
    /// and scores that model on the rest (fresh data). Averaged over <paramref name="repeats"/> shuffles.
    /// </summary>
    public static SelectionBiasResult Measure(IReadOnlyList<bool[]> correct, int selectionSize, int repeats = 200, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(correct);
        if (correct.Count < 2) throw new ArgumentException("Selection needs at least two candidate models.", nameof(correct));
        int n = correct[0].Length;
        if (correct.Any(c => c.Length != n)) throw new ArgumentException("Every model must be scored on the same examples (equal lengths).", nameof(correct));
        if (selectionSize < 1 || selectionSize >= n)
            throw new ArgumentOutOfRangeException(nameof(selectionSize), selectionSize, $"must leave fresh examples: between 1 and {n - 1}.");
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "Use at least one split.");
        var random = new Random(seed);
        var order = Enumerable.Range(0, n).ToArray();
        double chosenA = 0, chosenB = 0, anyGap = 0;
        for (int r = 0; r < repeats; r++)
        {
            random.Shuffle(order);
            var scoresA = correct.Select(c => Accuracy(c, order, 0, selectionSize)).ToArray();
            int best = Array.IndexOf(scoresA, scoresA.Max());
            chosenA += scoresA[best];
            chosenB += Accuracy(correct[best], order, selectionSize, n);
            int any = random.Next(correct.Count);
            anyGap += scoresA[any] - Accuracy(correct[any], order, selectionSize, n);
        }
        return new SelectionBiasResult(correct.Count, repeats, chosenA / repeats, chosenB / repeats, anyGap / repeats);
    }

    private static double Accuracy(bool[] correct, int[] order, int from, int to)
    {
        int hits = 0;
        for (int i = from; i < to; i++) if (correct[order[i]]) hits++;
        return (double)hits / (to - from);
    }
}

using Course.Charts;

namespace Course.Experiments;

/// <summary>One training of a search: which candidate, for how many epochs, its validation score and the compute spent so far.</summary>
/// <param name="Index">The candidate's position in the list searched.</param>
/// <param name="Candidate">The setting trained.</param>
/// <param name="Rung">For successive halving the round (0 first); 0 for a search that trains every candidate once.</param>
/// <param name="Epochs">Epochs this training ran (its cost: every training starts from fresh weights).</param>
/// <param name="Score">Its validation score (higher is better).</param>
/// <param name="EpochsSpent">Epochs of the whole search up to and including this training.</param>
public sealed record SearchTrial<T>(int Index, T Candidate, int Rung, int Epochs, double Score, int EpochsSpent);

/// <summary>A finished search: every training in order and the candidate it chose.</summary>
/// <param name="Trials">Every training, in the order it ran.</param>
/// <param name="Chosen">The trial the search chose (trained for the full epochs).</param>
public sealed record SearchResult<T>(IReadOnlyList<SearchTrial<T>> Trials, SearchTrial<T> Chosen)
{
    /// <summary>Epochs of training the whole search cost.</summary>
    public int EpochsSpent => Trials[^1].EpochsSpent;

    /// <summary>How many different candidates were trained at least once.</summary>
    public int CandidatesTried => Trials.Select(t => t.Index).Distinct().Count();

    /// <summary>
    /// The best validation score seen so far after each training, against the epochs spent so far: the curve that
    /// compares searches at equal compute.
    /// </summary>
    public Series BestSoFar(string name)
    {
        double best = double.NegativeInfinity;
        var bests = Trials.Select(t => best = Math.Max(best, t.Score)).ToArray();
        return new Series(name, Trials.Select(t => (double)t.EpochsSpent).ToArray(), bests, SeriesStyle.LineAndMarkers);
    }
}

/// <summary>
/// Hyper-parameter search at a budget counted in epochs (notebook 05). <see cref="TrainEach"/> is grid or random
/// search — which one depends only on the candidates given; <see cref="SuccessiveHalving"/> (Jamieson &amp; Talwalkar,
/// 2016) trains many candidates briefly, keeps the best 1/η and trains those η times longer, until the full epochs.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>
    /// Trains every candidate for <paramref name="epochs"/> with <paramref name="trainFor"/> (candidate, epochs) → validation
    /// score, and chooses the best (the first on ties). Grid search passes a grid, random search random draws.
    /// </summary>
    public static SearchResult<T> TrainEach<T>(IReadOnlyList<T> candidates, int epochs, Func<T, int, double> trainFor)
    {
        Check(candidates, trainFor);
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "each candidate trains for at least one epoch");
        var trials = new List<SearchTrial<T>>();
        for (int i = 0; i < candidates.Count; i++) trials.Add(Train(trials, i, candidates[i], 0, epochs, trainFor));
        return new SearchResult<T>(trials, trials.MaxBy(t => t.Score)!);
    }

    /// <summary>
    /// Successive halving: every candidate trains <paramref name="minEpochs"/>; the best ⌊n/η⌋ (at least one) train
    /// again from fresh weights for η times as many epochs, and so on; the last round trains for exactly
    /// <paramref name="maxEpochs"/> and its best is chosen. Ranking is by score, ties in candidate order.
    /// </summary>
    /// <param name="candidates">The settings to start with (e.g. random draws).</param>
    /// <param name="minEpochs">Epochs of the first round.</param>
    /// <param name="maxEpochs">Epochs of the last round: what a full training gets.</param>
    /// <param name="reduction">η ≥ 2: the survivors' share is 1/η and their epochs grow η-fold each round.</param>
    /// <param name="trainFor">(candidate, epochs) → validation score of a fresh model trained that long.</param>
    public static SearchResult<T> SuccessiveHalving<T>(IReadOnlyList<T> candidates, int minEpochs, int maxEpochs, int reduction, Func<T, int, double> trainFor)
    {
        Check(candidates, trainFor);
        var rungs = RungEpochs(minEpochs, maxEpochs, reduction);
        var trials = new List<SearchTrial<T>>();
        var alive = Enumerable.Range(0, candidates.Count).ToList();
        for (int rung = 0; ; rung++)
        {
            var scored = new List<SearchTrial<T>>();
            foreach (int i in alive)
            {
                scored.Add(Train(trials, i, candidates[i], rung, rungs[rung], trainFor));
                trials.Add(scored[^1]);
            }
            if (rung == rungs.Count - 1) return new SearchResult<T>(trials, scored.MaxBy(t => t.Score)!);
            // OrderByDescending is stable: equal scores keep candidate order.
            alive = scored.OrderByDescending(t => t.Score).Take(Math.Max(1, alive.Count / reduction)).Select(t => t.Index).ToList();
        }
    }

    /// <summary>Epochs <see cref="SuccessiveHalving"/> spends on <paramref name="candidates"/> candidates (it depends only on their number).</summary>
    public static int SuccessiveHalvingCost(int candidates, int minEpochs, int maxEpochs, int reduction)
    {
        if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), candidates, "a search needs at least one candidate");
        int cost = 0, alive = candidates;
        foreach (int epochs in RungEpochs(minEpochs, maxEpochs, reduction))
        {
            cost += alive * epochs;
            alive = Math.Max(1, alive / reduction);
        }
        return cost;
    }

    /// <summary>
    /// The most candidates <see cref="SuccessiveHalving"/> can start with and spend at most <paramref name="budgetEpochs"/>:
    /// how to give it the same compute as another search.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget does not pay for even one candidate's rounds.</exception>
    public static int CandidatesWithin(int budgetEpochs, int minEpochs, int maxEpochs, int reduction)
    {
        int one = SuccessiveHalvingCost(1, minEpochs, maxEpochs, reduction);
        if (budgetEpochs < one)
            throw new ArgumentOutOfRangeException(nameof(budgetEpochs), budgetEpochs,
                $"a budget of {budgetEpochs} epochs does not pay for one candidate's rounds ({one} epochs): raise the budget or lower maxEpochs");
        int n = 1;   // the cost never falls as candidates are added, so count up until the next one would overspend
        while (SuccessiveHalvingCost(n + 1, minEpochs, maxEpochs, reduction) <= budgetEpochs) n++;
        return n;
    }

    /// <summary>The epochs of each round: minEpochs, ×η, ×η², … and finally maxEpochs.</summary>
    public static IReadOnlyList<int> RungEpochs(int minEpochs, int maxEpochs, int reduction)
    {
        if (minEpochs < 1) throw new ArgumentOutOfRangeException(nameof(minEpochs), minEpochs, "the first round trains at least one epoch");
        if (maxEpochs < minEpochs)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, $"the last round cannot train fewer epochs than the first ({minEpochs})");
        if (reduction < 2) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "η must be at least 2 (3 is usual): each round keeps 1/η of the candidates");
        var rungs = new List<int>();
        for (long epochs = minEpochs; epochs < maxEpochs; epochs *= reduction) rungs.Add((int)epochs);
        rungs.Add(maxEpochs);
        return rungs;
    }

    private static void Check<T>(IReadOnlyList<T> candidates, Func<T, int, double> trainFor)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(trainFor);
        if (candidates.Count == 0) throw new ArgumentException("Nothing to search: give at least one candidate setting.", nameof(candidates));
    }

    private static SearchTrial<T> Train<T>(List<SearchTrial<T>> done, int index, T candidate, int rung, int epochs, Func<T, int, double> trainFor)
    {
        double score = trainFor(candidate, epochs);
        if (!double.IsFinite(score))
            throw new InvalidOperationException($"Candidate {index} ({candidate}) scored {score} after {epochs} epochs: return a number, e.g. the validation accuracy.");
        return new SearchTrial<T>(index, candidate, rung, epochs, score, (done.Count == 0 ? 0 : done[^1].EpochsSpent) + epochs);
    }
}

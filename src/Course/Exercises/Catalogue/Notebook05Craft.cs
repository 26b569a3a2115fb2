using Course.Data;
using Course.Training;

namespace Course.Exercises.Catalogue;

/// <summary>Notebook 05 · the craft: choosing a batch size and learning rate under a time budget, on validation only.</summary>
internal sealed class Notebook05Craft : ExerciseSet
{
    public override IEnumerable<ExerciseDefinition> Exercises() => [new BudgetChoiceExercise()];
}

/// <summary>
/// The learner trains every candidate for the same wall-clock budget and returns the one with the best validation
/// accuracy. Judged on process and outcome: the test set must not be evaluated during the choice (the library's
/// <see cref="EvaluationLog"/> sees every <see cref="Trainer.Evaluate"/>), every candidate must be scored on validation,
/// and the choice must be the learning rate that trains (10⁻⁵ barely moves Adam's weights in a fraction of a second,
/// on any machine and seed); either batch size may win, as that depends on the machine.
/// </summary>
internal sealed class BudgetChoiceExercise() : ExerciseDefinition("05-budget-choice",
    "(int BatchSize, double LearningRate) ChooseUnderBudget(TensorDataset train, TensorDataset validation, double seconds)")
{
    private static readonly int[] BatchSizes = [16, 128];
    private static readonly double[] Rates = [1e-5, 1e-3];
    private const double Seconds = 0.3;

    public override CheckResult Judge(Delegate learner)
    {
        var choose = Bind<Func<TensorDataset, TensorDataset, double, (int, double)>>(learner);
        var (all, _) = Mnist.Load();   // pixels in [0, 1]: no statistics needed
        var (fitAll, validationAll) = all.Split(1.0 / 6, seed: 0);
        var (train, validation) = (fitAll.Take(2_000), validationAll.Take(1_000));
        const string input = "2,000 training and 1,000 validation MNIST images, 0.3 s per run";
        (int Batch, double Rate) choice;
        using (var watch = EvaluationLog.Watch())
        {
            choice = choose(train, validation, Seconds);
            if (watch.CountOf("test") > 0)
                return Hint("The test set was evaluated while choosing: a choice made on test makes its score optimistic. Score the candidates on the validation split only.", input, choice);
            if (watch.CountOf("validation") < BatchSizes.Length * Rates.Length)
                return Hint($"Score each of the {BatchSizes.Length * Rates.Length} candidates on the validation split (TimeBudget.Fit does: it evaluates on the data you pass as validation).", input, choice);
        }
        if (!BatchSizes.Contains(choice.Batch) || !Rates.Contains(choice.Rate))
            return Wrong("Return one of the candidates: batch size 16 or 128, learning rate 1e-5 or 1e-3.", input, choice);
        if (choice.Rate != 1e-3)
            return Hint("Learning rate 1e-5 barely trains in 0.3 s: return the candidate with the HIGHEST validation accuracy.", input, choice);
        return Pass("Chosen on validation, with the test set untouched.");
    }
}

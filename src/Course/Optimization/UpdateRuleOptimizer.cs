using System.Reflection;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Optimization;

/// <summary>
/// Lets from-scratch update rules (<see cref="IUpdateRule"/>) train through <c>Trainer.Fit</c>, as TorchSharp's own
/// optimizers do: <c>new TrainOptions { Optimizer = UpdateRuleOptimizer.For(() =&gt; new MyAdam(1e-3)) }</c>. Every
/// parameter tensor gets its own rule (its own velocity, running averages, step count).
/// </summary>
/// <remarks>
/// A rule keeps its state in <see cref="Tensor"/> fields. Fit frees each batch's tensors when the batch ends, so after
/// every step the rule's current state tensors are kept out of that clean-up and the ones it replaced are freed; the
/// rule's temporaries go with the batch. State held elsewhere (in a list, say) would be freed under the rule's feet.
/// </remarks>
public sealed class UpdateRuleOptimizer : OptimizerHelper
{
    private readonly List<(Parameter Parameter, IUpdateRule Rule, FieldInfo[] State)> slots;

    private UpdateRuleOptimizer(IEnumerable<Parameter> parameters, Func<IUpdateRule> makeRule)
    {
        var list = parameters.ToList();
        slots = list.Select(p =>
        {
            var rule = makeRule() ?? throw new ArgumentException("makeRule returned null; it must return a new rule for each parameter.", nameof(makeRule));
            return (p, rule, StateFields(rule.GetType()));
        }).ToList();
        if (slots.Select(s => s.Rule).Distinct(ReferenceEqualityComparer.Instance).Count() != slots.Count)
            throw new ArgumentException("makeRule returned the same rule object twice; each parameter needs its own (write () => new MyRule(...)).", nameof(makeRule));
        // The learning rate lives inside each rule; NaN says so to whoever reads the optimizer's rate.
        _defaults = new OptimizerOptions { LearningRate = double.NaN, InitialLearningRate = double.NaN };
        _parameter_groups = [new ParamGroup<OptimizerOptions>(list, _defaults)];
    }

    /// <summary>An optimizer factory for <c>TrainOptions.Optimizer</c>; <paramref name="makeRule"/> is called once per parameter tensor.</summary>
    public static Func<IEnumerable<Parameter>, optim.Optimizer> For(Func<IUpdateRule> makeRule)
    {
        ArgumentNullException.ThrowIfNull(makeRule);
        return parameters => new UpdateRuleOptimizer(parameters, makeRule);
    }

    /// <summary>One update of every parameter that has a gradient: θ ← rule.Step(θ, ∇θ).</summary>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        Tensor? loss = null;
        if (closure is not null)
            using (enable_grad()) loss = closure();
        using var noGrad = no_grad();
        foreach (var (parameter, rule, state) in slots)
        {
            if (parameter.grad is not { } gradient) continue;
            var before = Values(rule, state);
            using (NewDisposeScope())
            {
                using var next = rule.Step(parameter.detach(), gradient);
                parameter.copy_(next);
                foreach (var kept in Values(rule, state)) kept.DetachFromDisposeScope();
            }
            var after = Values(rule, state);
            foreach (var replaced in before.Where(t => !after.Contains(t, ReferenceEqualityComparer.Instance))) replaced.Dispose();
        }
        return loss!;
    }

    private static List<Tensor> Values(IUpdateRule rule, FieldInfo[] state) =>
        state.Select(f => f.GetValue(rule)).OfType<Tensor>().ToList();

    private static FieldInfo[] StateFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => typeof(Tensor).IsAssignableFrom(f.FieldType)));
        return [.. fields];
    }
}

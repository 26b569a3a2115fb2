using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Reusing a trained network for a new task (notebook 07): copy the layers worth keeping into a fresh model, freeze
/// the ones that should not move, and give pretrained layers a smaller learning rate than new ones. Layers are chosen
/// by parameter name (<c>conv1.weight</c>, <c>fc2.bias</c>, ...), as <see cref="nn.Module.named_parameters"/> lists them.
/// </summary>
public static class Transfer
{
    /// <summary>
    /// Copies every weight and buffer of <paramref name="source"/> whose name <paramref name="which"/> accepts into the
    /// same-named entry of <paramref name="target"/>; the rest of <paramref name="target"/> keeps its fresh initialisation.
    /// </summary>
    /// <returns>The names copied.</returns>
    /// <exception cref="ArgumentException">Nothing matched, or a matched entry is missing from the target or has another shape.</exception>
    public static IReadOnlyList<string> CopyWeights(nn.Module source, nn.Module target, Func<string, bool> which)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(which);
        var targetState = target.state_dict();
        var copied = new List<string>();
        using var noGrad = no_grad();
        foreach (var (name, tensor) in source.state_dict())
        {
            if (!which(name)) continue;
            if (!targetState.TryGetValue(name, out var destination))
                throw new ArgumentException($"the target model has no '{name}' to copy into; its entries are {string.Join(", ", targetState.Keys)}", nameof(target));
            if (!destination.shape.SequenceEqual(tensor.shape))
                throw new ArgumentException($"'{name}' is [{string.Join(", ", tensor.shape)}] in the source but [{string.Join(", ", destination.shape)}] in the target", nameof(target));
            destination.copy_(tensor);
            copied.Add(name);
        }
        if (copied.Count == 0)
            throw new ArgumentException($"no entry of the source matched; its entries are {string.Join(", ", source.state_dict().Keys)}", nameof(which));
        return copied;
    }

    /// <summary>Stops gradients for every parameter whose name <paramref name="which"/> accepts (the optimizer will not move them).</summary>
    /// <returns>The names frozen.</returns>
    public static IReadOnlyList<string> Freeze(nn.Module model, Func<string, bool> which)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(which);
        var frozen = new List<string>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!which(name)) continue;
            parameter.requires_grad = false;
            frozen.Add(name);
        }
        return frozen;
    }

    /// <summary>Names of the parameters that still learn (requires_grad), in model order.</summary>
    public static IReadOnlyList<string> TrainableNames(nn.Module model) =>
        model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();

    /// <summary>
    /// Adam with two learning rates: <paramref name="pretrainedLearningRate"/> for the parameters <paramref name="pretrained"/>
    /// accepts and <paramref name="learningRate"/> for the others (a new head). Frozen parameters are left out. Use it as
    /// <c>Optimizer = _ =&gt; Transfer.Adam(model, ...)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No parameter of the model is trainable.</exception>
    public static optim.Optimizer Adam(nn.Module model, Func<string, bool> pretrained, double learningRate, double pretrainedLearningRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pretrained);
        if (learningRate <= 0 || pretrainedLearningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(learningRate), "learning rates must be positive, e.g. 1e-3 and 1e-4");
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        if (trainable.Count == 0) throw new ArgumentException("every parameter is frozen: there is nothing to train", nameof(model));
        var groups = new List<Adam.ParamGroup>();
        var old = trainable.Where(p => pretrained(p.name)).Select(p => p.parameter).ToList();
        var fresh = trainable.Where(p => !pretrained(p.name)).Select(p => p.parameter).ToList();
        if (old.Count > 0) groups.Add(new Adam.ParamGroup(old, lr: pretrainedLearningRate));
        if (fresh.Count > 0) groups.Add(new Adam.ParamGroup(fresh, lr: learningRate));
        return optim.Adam(groups, lr: learningRate);
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Compression;

/// <summary>
/// Simulated int8 activations. Weights are known in advance; the inputs a layer will see are not, so their range is
/// <em>calibrated</em>: a few batches are run and the largest |input| of every Linear/Conv2d layer is recorded. After
/// <see cref="Calibrate"/>, every such layer's input is rounded to its int8 grid (scale = max/127) before the layer runs.
/// Dispose to remove the hooks and get the float model back.
/// </summary>
public sealed class ActivationQuantizer : IDisposable
{
    private readonly Dictionary<string, double> ranges = [];
    private readonly List<Action> removers = [];
    private bool calibrating = true;

    /// <summary>Hooks every Linear and Conv2d layer of <paramref name="model"/> (nothing changes until <see cref="Calibrate"/>).</summary>
    public ActivationQuantizer(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, module) in model.named_modules())
        {
            string key = name;
            if (module is Linear linear) removers.Add(linear.register_forward_pre_hook((_, input) => Hook(key, input)).remove);
            else if (module is Conv2d conv) removers.Add(conv.register_forward_pre_hook((_, input) => Hook(key, input)).remove);
        }
        if (removers.Count == 0) throw new ArgumentException("The model has no Linear or Conv2d layer whose inputs could be quantized.", nameof(model));
    }

    /// <summary>Layer name → calibrated largest |input|.</summary>
    public IReadOnlyDictionary<string, double> Ranges => ranges;

    /// <summary>Runs <paramref name="model"/> on each calibration batch (no gradients, evaluation mode), recording input ranges, then switches quantization on.</summary>
    public void Calibrate(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);
        calibrating = true;
        ranges.Clear();
        bool training = model.training;
        model.eval();
        using (no_grad())
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                model.call(batch);
            }
        model.train(training);
        if (ranges.Count == 0) throw new ArgumentException("No calibration batch was given: pass a few batches of real inputs.", nameof(batches));
        calibrating = false;
    }

    private Tensor Hook(string name, Tensor input)
    {
        if (calibrating)
        {
            using var max = input.detach().abs().max();
            ranges[name] = Math.Max(ranges.GetValueOrDefault(name), max.ToDouble());
            return input;
        }
        return Int8.FakeQuantize(input, Int8.Scale(ranges.GetValueOrDefault(name)));
    }

    /// <summary>Removes the hooks: the model computes in float32 again.</summary>
    public void Dispose()
    {
        foreach (var remove in removers) remove();
        removers.Clear();
    }
}

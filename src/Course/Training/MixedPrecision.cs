using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// Mixed-precision training with float32 master weights (what <see cref="TrainOptions.Precision"/> =
/// <c>ScalarType.BFloat16</c> turns on): the model itself computes forward and backward in bfloat16, while float32
/// copies of its weights are what the optimizer updates. Each step copies the bfloat16 gradients into the masters'
/// float32 gradients, steps, and rounds the updated masters back into the model. Updates far smaller than a weight
/// (learning rate × a normalised gradient, often 10⁻⁴ of it) would vanish in bfloat16's 8-bit mantissa; in float32
/// they add up. bfloat16 has float32's exponent range, so no loss scaling is needed (float16 would need it: see
/// notebook 06, section 5, which builds this recipe by hand). Buffers (batch-norm running statistics) live in
/// bfloat16 during training and are float32 again, with bfloat16's precision, afterwards.
/// </summary>
internal sealed class MixedPrecision : IDisposable
{
    private readonly nn.Module model;
    private readonly Parameter[] masters;
    private Parameter[] working;
    private bool restored;

    private MixedPrecision(nn.Module model, ScalarType type)
    {
        var parameters = model.parameters().ToArray();
        if (parameters.FirstOrDefault(p => p.dtype != ScalarType.Float32) is { } other)
            throw new ArgumentException($"Precision = {type} keeps float32 master weights of a float32 model, but this model has {other.dtype} " +
                "parameters. Pass the model in float32 (model.to(ScalarType.Float32)); the Trainer makes the bfloat16 copy itself.", nameof(model));
        this.model = model;
        masters = parameters.Select(p => new Parameter(p.detach().clone(), p.requires_grad)).ToArray();
        Type = type;
        model.to(type);
        // Module.to(type) may replace the parameter objects, so the working ones are read afterwards (same order).
        working = model.parameters().ToArray();
    }

    /// <summary>The type forward and backward compute in.</summary>
    public ScalarType Type { get; }

    /// <summary>The float32 weights the optimizer must be built on.</summary>
    public IReadOnlyList<Parameter> Masters => masters;

    /// <summary>
    /// Null for <see cref="ScalarType.Float32"/> (plain training); otherwise converts <paramref name="model"/> to
    /// <paramref name="precision"/> and keeps float32 masters. Float16 and other types are refused with the reason.
    /// </summary>
    public static MixedPrecision? Start(nn.Module model, ScalarType precision) => precision switch
    {
        ScalarType.Float32 => null,
        ScalarType.BFloat16 => new MixedPrecision(model, precision),
        ScalarType.Float16 => throw new ArgumentException("Precision = Float16 needs loss scaling (float16's smallest number is about 6e-8, so small " +
            "gradients become 0), which the Trainer does not do. Use ScalarType.BFloat16 (float32's range), or see notebook 06, section 5, " +
            "for float16 with dynamic loss scaling.", nameof(precision)),
        _ => throw new ArgumentException($"Precision = {precision} is not a floating-point training precision: use ScalarType.Float32 or ScalarType.BFloat16.",
            nameof(precision)),
    };

    /// <summary>A batch's features in the model's type (float features become <see cref="Type"/>).</summary>
    public Tensor Input(Tensor features) => features.is_floating_point() && features.dtype != Type ? features.to(Type) : features;

    /// <summary>Clears the model's (bfloat16) gradients; the optimizer clears the masters'.</summary>
    public void ZeroWorkingGradients() => model.zero_grad();

    /// <summary>After backward (and the callbacks, e.g. clipping): the model's gradients, in float32, become the masters'.</summary>
    public void GradientsToMasters()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < masters.Length; i++)
        {
            // A parameter the step did not reach keeps the gradient the optimizer's zero_grad left.
            if (working[i].grad is not { } gradient) continue;
            if (masters[i].grad is { } existing) existing.copy_(gradient);
            else masters[i].grad = gradient.to(ScalarType.Float32).DetachFromDisposeScope();
        }
    }

    /// <summary>After the optimizer step: the updated masters, rounded to <see cref="Type"/>, become the model's weights.</summary>
    public void MastersToModel()
    {
        using var noGrad = no_grad();
        for (int i = 0; i < masters.Length; i++) working[i].copy_(masters[i]);
    }

    /// <summary>Converts the model back to float32 and gives it the exact master weights. Idempotent.</summary>
    public void Restore()
    {
        if (restored) return;
        restored = true;
        model.to(ScalarType.Float32);
        working = model.parameters().ToArray();
        using var noGrad = no_grad();
        for (int i = 0; i < masters.Length; i++) working[i].copy_(masters[i]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Restore();
        foreach (var master in masters) master.Dispose();
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Compression;

/// <summary>
/// A tensor stored as int8 codes and float32 scales: value ≈ code · scale. One scale for the whole tensor
/// (<see cref="Axis"/> null) or one per slice along <see cref="Axis"/> (per output channel for a weight).
/// </summary>
public sealed record QuantizedTensor(Tensor Codes, Tensor Scales, int? Axis) : IDisposable
{
    /// <summary>Bytes of storage: one per code plus four per float32 scale.</summary>
    public long Bytes => Codes.numel() + 4 * Scales.numel();

    /// <summary>Back to float32 (code · scale); what a simulated int8 layer computes with.</summary>
    public Tensor Dequantize()
    {
        using var scope = NewDisposeScope();
        var scales = Axis is int axis ? Scales.reshape(Shape(Codes.dim(), axis, Scales.numel())) : Scales;
        return (Codes.to_type(ScalarType.Float32) * scales).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Codes.Dispose();
        Scales.Dispose();
    }

    internal static long[] Shape(long dims, int axis, long size) =>
        Enumerable.Range(0, (int)dims).Select(d => d == axis ? size : 1L).ToArray();
}

/// <summary>
/// Symmetric int8 quantization: a range [−max|x|, max|x|] is mapped onto the integers −127…127, so
/// scale = max|x| / 127 and code = round(x / scale). TorchSharp has no int8 layers, so int8 <em>compute</em> is
/// simulated: weights and activations are rounded to their int8 grid and turned back into float32
/// ("fake quantization"). The accuracy this gives is what real int8 kernels would give; the speed is not.
/// </summary>
public static class Int8
{
    /// <summary>Largest code: the symmetric grid uses −127…127 (−128 is left out so the grid is symmetric).</summary>
    public const int MaxCode = 127;

    /// <summary>The scale that maps ±<paramref name="maxAbs"/> onto ±127 (1 when the range is empty, so zeros stay zeros).</summary>
    public static double Scale(double maxAbs) =>
        maxAbs < 0 || double.IsNaN(maxAbs) ? throw new ArgumentOutOfRangeException(nameof(maxAbs), maxAbs, "A range is a non-negative number: the largest |x|.")
        : maxAbs == 0 ? 1 : maxAbs / MaxCode;

    /// <summary>One scale for the whole tensor, from its largest |x|.</summary>
    public static QuantizedTensor PerTensor(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var max = x.detach().abs().max();
        return Quantize(x, tensor((float)Scale(max.ToDouble())), axis: null);
    }

    /// <summary>One scale per slice along <paramref name="axis"/> (0 = per output neuron/channel of a weight), from each slice's largest |x|.</summary>
    public static QuantizedTensor PerChannel(Tensor x, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (axis < 0 || axis >= x.dim()) throw new ArgumentOutOfRangeException(nameof(axis), axis, $"The tensor has {x.dim()} dimensions.");
        using var scope = NewDisposeScope();
        var others = Enumerable.Range(0, (int)x.dim()).Where(d => d != axis).Select(d => (long)d).ToArray();
        var max = others.Length == 0 ? x.detach().abs() : x.detach().abs().amax(others);
        var scales = where(max.eq(0), ones_like(max), max / MaxCode).to_type(ScalarType.Float32);
        var q = Quantize(x, scales, axis);
        q.Codes.MoveToOuterDisposeScope();
        q.Scales.MoveToOuterDisposeScope();
        return q;
    }

    private static QuantizedTensor Quantize(Tensor x, Tensor scales, int? axis)
    {
        using var scope = NewDisposeScope();
        var shaped = axis is int a ? scales.reshape(QuantizedTensor.Shape(x.dim(), a, scales.numel())) : scales;
        var codes = (x.detach() / shaped).round().clamp(-MaxCode, MaxCode).to_type(ScalarType.Int8);
        return new QuantizedTensor(codes.MoveToOuterDisposeScope(), scales, axis); // the scales belong to the caller
    }

    /// <summary>Rounds <paramref name="x"/> to the int8 grid of <paramref name="scale"/> and back (values beyond ±127·scale are clipped).</summary>
    public static Tensor FakeQuantize(Tensor x, double scale)
    {
        if (scale <= 0 || double.IsNaN(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive; use Int8.Scale(max|x|).");
        using var scope = NewDisposeScope();
        return ((x / scale).round().clamp(-MaxCode, MaxCode) * scale).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Replaces every Linear and Conv2d weight of <paramref name="model"/> by its int8 round trip (in place) and returns
    /// the storage it would take: int8 codes and float32 scales for those weights, float32 for everything else (biases).
    /// </summary>
    public static QuantizationSummary QuantizeWeights(nn.Module model, bool perChannel)
    {
        ArgumentNullException.ThrowIfNull(model);
        long float32Bytes = 0, int8Bytes = 0;
        using var noGrad = no_grad();
        var quantized = new HashSet<string>();
        foreach (var (name, module) in model.named_modules())
        {
            var weight = module switch { Linear l => l.weight, Conv2d c => c.weight, _ => null };
            if (weight is null) continue;
            using var q = perChannel ? PerChannel(weight) : PerTensor(weight);
            using var restored = q.Dequantize();
            weight.copy_(restored);
            int8Bytes += q.Bytes;
            quantized.Add(string.IsNullOrEmpty(name) ? "weight" : name + ".weight");
        }
        if (quantized.Count == 0) throw new ArgumentException("The model has no Linear or Conv2d weight to quantize.", nameof(model));
        foreach (var (name, p) in model.named_parameters())
        {
            long bytes = p.numel() * p.ElementSize;
            float32Bytes += bytes;
            if (!quantized.Contains(name)) int8Bytes += bytes;
        }
        return new QuantizationSummary(float32Bytes, int8Bytes, quantized.Count);
    }
}

/// <summary>Storage of a model's parameters before and after int8 weight quantization.</summary>
public sealed record QuantizationSummary(long Float32Bytes, long Int8Bytes, int QuantizedLayers)
{
    /// <summary>How many times smaller the quantized model is.</summary>
    public double Ratio => (double)Float32Bytes / Int8Bytes;
}

using System.Globalization;
using System.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Measuring;

/// <summary>The arithmetic one layer does for one example: its shapes, parameters and floating-point operations.</summary>
/// <param name="Name">The layer's name in the model (e.g. "conv1").</param>
/// <param name="Kind">Conv2d or Linear.</param>
/// <param name="InputShape">Shape of one example's input to the layer (batch dimension dropped).</param>
/// <param name="OutputShape">Shape of one example's output.</param>
/// <param name="Parameters">Weights and biases of the layer.</param>
/// <param name="Flops">Floating-point operations per example, counting a multiply-add as 2.</param>
public sealed record LayerFlops(string Name, string Kind, long[] InputShape, long[] OutputShape, long Parameters, long Flops);

/// <summary>FLOPs per example of every convolution and dense layer of a model, in the order they ran.</summary>
public sealed record FlopReport(IReadOnlyList<LayerFlops> Layers)
{
    /// <summary>Sum over the layers.</summary>
    public long Total => Layers.Sum(l => l.Flops);

    /// <summary>
    /// FLOPs of one training step per example, by the usual convention of 3 × forward: the backward pass computes,
    /// for every layer, the gradient with respect to its input and the one with respect to its weights, each a
    /// product as large as the forward one. (The first layer's input gradient is not needed, so the real count is a
    /// little lower; the optimizer's element-wise update is not counted.)
    /// </summary>
    public long TrainingTotal => 3 * Total;

    /// <summary>An aligned table: layer, kind, shapes, parameters, FLOPs and share of the total.</summary>
    public override string ToString()
    {
        static string Shape(long[] s) => "[" + string.Join("×", s) + "]";
        var text = new StringBuilder($"{"layer",-8} {"kind",-7} {"input",-12} {"output",-12} {"params",10} {"FLOPs",14} {"share",6}\n");
        foreach (var l in Layers)
            text.Append(CultureInfo.InvariantCulture, $"{l.Name,-8} {l.Kind,-7} {Shape(l.InputShape),-12} {Shape(l.OutputShape),-12} {l.Parameters,10:N0} {l.Flops,14:N0} {100.0 * l.Flops / Math.Max(1, Total),5:0.0}%\n");
        text.Append(CultureInfo.InvariantCulture, $"{"total",-8} {"",-7} {"",-12} {"",-12} {Layers.Sum(l => l.Parameters),10:N0} {Total,14:N0}\n");
        return text.ToString();
    }
}

/// <summary>
/// Counts floating-point operations (FLOPs) the way papers usually do: a multiply followed by an add is 2 FLOPs, and
/// only convolutions and dense layers are counted, because they hold nearly all the arithmetic (activations, pooling
/// and bias adds are one operation per output value, a tiny fraction). With a bias, the count is exact:
/// each output needs k multiplies, k−1 adds and one bias add.
/// </summary>
public static class Flops
{
    /// <summary>A dense layer on one example: 2 · inputs · outputs.</summary>
    public static long Linear(long inFeatures, long outFeatures)
    {
        Positive(inFeatures, nameof(inFeatures));
        Positive(outFeatures, nameof(outFeatures));
        return 2 * inFeatures * outFeatures;
    }

    /// <summary>
    /// A 2-D convolution on one example: every one of the outChannels·outHeight·outWidth outputs is a dot product of
    /// (inChannels/groups)·kernelHeight·kernelWidth weights with the input patch, so 2 · that many FLOPs each.
    /// </summary>
    public static long Conv2d(long inChannels, long outChannels, long kernelHeight, long kernelWidth, long outHeight, long outWidth, long groups = 1)
    {
        foreach (var (value, name) in new[] { (inChannels, nameof(inChannels)), (outChannels, nameof(outChannels)), (kernelHeight, nameof(kernelHeight)),
                     (kernelWidth, nameof(kernelWidth)), (outHeight, nameof(outHeight)), (outWidth, nameof(outWidth)), (groups, nameof(groups)) })
            Positive(value, name);
        if (inChannels % groups != 0) throw new ArgumentException($"{inChannels} input channels cannot be split into {groups} groups.", nameof(groups));
        return 2 * (inChannels / groups) * kernelHeight * kernelWidth * outChannels * outHeight * outWidth;
    }

    /// <summary>
    /// Runs one example of shape <paramref name="exampleShape"/> (e.g. [1, 28, 28]) through <paramref name="model"/>
    /// and records every Conv2d and Linear layer that runs, with its real input and output shapes. Layers called
    /// through <c>.call(...)</c> are seen (that is how hooks run); purely functional code (<c>functional.conv2d</c>) is not.
    /// </summary>
    public static FlopReport Count(nn.Module<Tensor, Tensor> model, params long[] exampleShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (exampleShape.Length == 0 || exampleShape.Any(d => d <= 0))
            throw new ArgumentException($"Give the shape of one example without the batch dimension, e.g. [1, 28, 28]; got [{string.Join(", ", exampleShape)}].", nameof(exampleShape));
        var layers = new List<LayerFlops>();
        var removers = new List<Action>();
        // named_modules() lists the children, not the model itself, which may be a single layer.
        foreach (var (name, module) in model.named_modules().Prepend(("model", model)))
        {
            if (module is Conv2d conv)
                removers.Add(conv.register_forward_hook((m, input, output) => { layers.Add(ForConv(name, conv, input, output)); return output; }).remove);
            else if (module is Linear linear)
                removers.Add(linear.register_forward_hook((m, input, output) => { layers.Add(ForLinear(name, linear, input, output)); return output; }).remove);
        }
        bool wasTraining = model.training;
        try
        {
            model.eval();
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var device = model.parameters().FirstOrDefault()?.device ?? CPU;
            model.call(zeros([1, .. exampleShape], device: device));
        }
        finally
        {
            foreach (var remove in removers) remove();
            model.train(wasTraining);
        }
        if (layers.Count == 0)
            throw new ArgumentException("No Conv2d or Linear layer ran. FLOPs are counted for layers registered as modules and called with .call(...).", nameof(model));
        return new FlopReport(layers);
    }

    private static LayerFlops ForConv(string name, Conv2d conv, Tensor input, Tensor output)
    {
        var w = conv.weight!.shape; // [out, in/groups, kh, kw]
        long groups = input.shape[1] / w[1];
        long flops = Conv2d(input.shape[1], w[0], w[2], w[3], output.shape[2], output.shape[3], groups);
        return new LayerFlops(name, "Conv2d", input.shape[1..], output.shape[1..], Parameters(conv), flops);
    }

    private static LayerFlops ForLinear(string name, Linear linear, Tensor input, Tensor output)
    {
        var w = linear.weight!.shape; // [out, in]
        // Extra leading dimensions (e.g. time steps) apply the layer once per position.
        long positions = output.shape[1..^1].Aggregate(1L, (a, b) => a * b);
        return new LayerFlops(name, "Linear", input.shape[1..], output.shape[1..], Parameters(linear), positions * Linear(w[1], w[0]));
    }

    private static long Parameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    private static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, "must be positive");
    }
}

using Course.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>Measures gradient norms after backward (per parameter, in total, and per time step).</summary>
internal static class GradientNorms
{
    public static GradientNormRecord Measure(int epoch, int batch, IReadOnlyList<(string Name, Parameter Parameter)> parameters, IHiddenStateRecorder? recorder)
    {
        var perLayer = new Dictionary<string, double>();
        double squares = 0;
        foreach (var (name, parameter) in parameters)
        {
            var grad = parameter.grad;
            if (grad is null) continue;
            double norm = grad.norm().ToDouble();
            perLayer[name] = norm;
            squares += norm * norm;
        }
        double[]? perStep = recorder?.HiddenStates.Select(h => h.grad is { } g ? g.norm().ToDouble() : 0.0).ToArray();
        return new GradientNormRecord(epoch, batch, Math.Sqrt(squares), perLayer, perStep is { Length: > 0 } ? perStep : null);
    }
}

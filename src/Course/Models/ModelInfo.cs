using TorchSharp;

namespace Course.Models;

/// <summary>How big a model is: the numbers behind "model size" in the accuracy-vs-speed trade-off.</summary>
public static class ModelInfo
{
    /// <summary>Number of parameters (weights and biases); buffers such as batch-norm statistics are not counted.</summary>
    /// <param name="module">The model.</param>
    /// <param name="trainableOnly">Count only parameters that receive gradients.</param>
    public static long Parameters(torch.nn.Module module, bool trainableOnly = false) =>
        module.parameters().Where(p => !trainableOnly || p.requires_grad).Sum(p => p.numel());

    /// <summary>Bytes the model's parameters and buffers occupy in memory (what saving it would roughly cost).</summary>
    public static long SizeInBytes(torch.nn.Module module) =>
        module.parameters().Sum(p => p.numel() * p.ElementSize) + module.buffers().Sum(b => b.numel() * b.ElementSize);
}

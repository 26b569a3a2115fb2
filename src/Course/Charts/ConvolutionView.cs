using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Course.Charts;

/// <summary>
/// What a convolutional layer has learned and what it responds to, as small images ready for
/// <see cref="Charts.Plots.Digits"/>: its filters (the weights) and its feature maps (its output for one image).
/// Every image is rescaled to [0, 1] on its own, because filters and maps differ in range and one shared colour
/// scale would leave most of them a flat grey.
/// </summary>
public static class ConvolutionView
{
    /// <summary>The first <see cref="Conv2d"/> of <paramref name="model"/> in registration order (for <c>MnistCnn</c>: the 32-filter layer that sees the pixels).</summary>
    /// <exception cref="ArgumentException">The model has no 2-D convolution.</exception>
    public static Conv2d FirstConvolution(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.modules().OfType<Conv2d>().FirstOrDefault()
            ?? throw new ArgumentException($"{model.GetName()} has no Conv2d layer; pass a convolutional network such as MnistCnn.", nameof(model));
    }

    /// <summary>
    /// The layer's filters as images <c>[outChannels·inChannels, 1, kH, kW]</c> on the CPU (one image per filter and
    /// input channel), each rescaled to [0, 1]. The caller disposes the result.
    /// </summary>
    public static Tensor Filters(Conv2d convolution)
    {
        ArgumentNullException.ThrowIfNull(convolution);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var weight = convolution.weight ?? throw new ArgumentException("The convolution has no weight tensor.", nameof(convolution));
        var kernels = weight.detach().cpu().reshape(-1, 1, weight.shape[2], weight.shape[3]);
        return RescaleEach(kernels).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// What the layer outputs for one image: <c>[outChannels, 1, H', W']</c> on the CPU, after ReLU when
    /// <paramref name="relu"/> (as MnistCnn applies it), each map rescaled to [0, 1]. The caller disposes the result.
    /// </summary>
    /// <param name="convolution">The layer, e.g. from <see cref="FirstConvolution"/>.</param>
    /// <param name="image">One image <c>[C, H, W]</c> or a batch of one <c>[1, C, H, W]</c>, preprocessed as the model's inputs were.</param>
    /// <param name="relu">Apply ReLU, so the maps show where the filter fires rather than where it is negative.</param>
    public static Tensor FeatureMaps(Conv2d convolution, Tensor image, bool relu = true)
    {
        ArgumentNullException.ThrowIfNull(convolution);
        ArgumentNullException.ThrowIfNull(image);
        var batch = image.dim() switch
        {
            3 => image.unsqueeze(0),
            4 when image.shape[0] == 1 => image.alias(),
            _ => throw new ArgumentException(
                $"FeatureMaps expects one image [C, H, W] or [1, C, H, W]; got [{string.Join(", ", image.shape)}]. Select one example first, e.g. images[i].", nameof(image)),
        };
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = convolution.weight!.device;
        var output = convolution.call(batch.to(device));
        if (relu) output = nn.functional.relu(output);
        return RescaleEach(output.squeeze(0).unsqueeze(1).cpu()).MoveToOuterDisposeScope();
    }

    /// <summary>Rescales every image of <paramref name="images"/> <c>[N, ...]</c> to [0, 1] independently; an image with one value throughout becomes 0.</summary>
    public static Tensor RescaleEach(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() < 2) throw new ArgumentException($"Expected a batch of images [N, ...]; got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var flat = images.to_type(ScalarType.Float32).flatten(1);
        var low = flat.amin([1], keepdim: true);
        var range = flat.amax([1], keepdim: true) - low;
        // A constant map (a filter that never fires) has range 0: show it as all 0 instead of dividing by zero.
        var scaled = (flat - low) / range.clamp_min(1e-12);
        return scaled.reshape(images.shape).MoveToOuterDisposeScope();
    }
}

using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Charts;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Vision;

[Collection(TorchCollection.Name)]
public sealed class ConvolutionViewTests
{
    public ConvolutionViewTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void FirstConvolution_of_MnistCnn_is_the_layer_that_sees_the_pixels()
    {
        using var model = new MnistCnn(batchNorm: true);
        var conv = ConvolutionView.FirstConvolution(model);
        Assert.Equal([32L, 1, 3, 3], conv.weight!.shape);
    }

    [Fact]
    public void FirstConvolution_names_the_problem_when_there_is_none()
    {
        using var model = new MnistMlp();
        var error = Assert.Throws<ArgumentException>(() => ConvolutionView.FirstConvolution(model));
        Assert.Contains("no Conv2d", error.Message);
    }

    [Fact]
    public void Filters_are_one_image_per_kernel_each_spanning_zero_to_one()
    {
        Seeds.Set(3);
        using var conv = nn.Conv2d(2, 4, kernel_size: 3);
        using var filters = ConvolutionView.Filters(conv);
        Assert.Equal([8L, 1, 3, 3], filters.shape);
        using var flat = filters.flatten(1);
        Assert.All(flat.amin([1]).data<float>().ToArray(), v => Assert.Equal(0f, v, 6));
        Assert.All(flat.amax([1]).data<float>().ToArray(), v => Assert.Equal(1f, v, 6));
        // Same order as the weights: kernel (output 1, input 0) is image 2, an affine rescaling of it.
        using var kernel = conv.weight![1, 0].detach().flatten();
        using var expected = (kernel - kernel.min()) / (kernel.max() - kernel.min());
        Assert.True(expected.allclose(filters[2].flatten(), atol: 1e-6));
    }

    [Fact]
    public void FeatureMaps_are_the_rectified_layer_output_rescaled_per_channel()
    {
        Seeds.Set(4);
        using var conv = nn.Conv2d(1, 5, kernel_size: 3, padding: 1);
        using var image = randn(1, 6, 6);
        using var maps = ConvolutionView.FeatureMaps(conv, image);
        Assert.Equal([5L, 1, 6, 6], maps.shape);
        using var raw = nn.functional.relu(conv.call(image.unsqueeze(0)))[0];
        for (int c = 0; c < 5; c++)
        {
            using var r = raw[c];
            using var expected = (r - r.min()) / (r.max() - r.min()).clamp_min(1e-12);
            Assert.True(expected.allclose(maps[c, 0], atol: 1e-6), $"channel {c}");
        }
        using var sameFromBatch = ConvolutionView.FeatureMaps(conv, image.unsqueeze(0));
        Assert.True(sameFromBatch.equal(maps).all().item<bool>());
    }

    [Fact]
    public void FeatureMaps_reject_a_batch_of_several_images_with_advice()
    {
        using var conv = nn.Conv2d(1, 2, kernel_size: 3);
        using var images = zeros(3, 1, 8, 8);
        var error = Assert.Throws<ArgumentException>(() => ConvolutionView.FeatureMaps(conv, images));
        Assert.Contains("one image", error.Message);
    }

    [Fact]
    public void RescaleEach_maps_a_constant_image_to_zero_instead_of_nan()
    {
        using var images = stack([full(2, 2, 7f), tensor(new float[,] { { 1, 3 }, { 5, 9 } })]);
        using var scaled = ConvolutionView.RescaleEach(images);
        Assert.Equal(new float[] { 0, 0, 0, 0, 0, 0.25f, 0.5f, 1 }, scaled.flatten().data<float>().ToArray());
    }
}

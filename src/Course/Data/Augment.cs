using Course.Platform;
using Course.Training;
using static TorchSharp.torch;

namespace Course.Data;

/// <summary>
/// Light, label-preserving changes to image batches, applied on the fly so each epoch sees slightly different
/// digits: a cheap way to trade training time for accuracy on unseen data.
/// </summary>
public static class Augment
{
    /// <summary>
    /// A batch transform for images [N, C, H, W] that shifts each image by a whole number of pixels in
    /// [−<paramref name="maxShift"/>, +<paramref name="maxShift"/>] on each axis and rotates it by an angle in
    /// [−<paramref name="maxDegrees"/>, +<paramref name="maxDegrees"/>]. Pixels moved in from outside are 0.
    /// </summary>
    /// <param name="maxShift">Largest shift in pixels (2 is plenty for 28×28 digits).</param>
    /// <param name="maxDegrees">Largest rotation in degrees; 0 for shifts only.</param>
    /// <param name="seed">Seed for the random shifts and angles; null takes one from <see cref="Seeds.Next"/>.</param>
    public static Func<Tensor, Tensor> ShiftAndRotate(int maxShift = 2, double maxDegrees = 10, long? seed = null)
    {
        if (maxShift < 0) throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "a shift limit cannot be negative");
        if (maxDegrees is < 0 or > 180) throw new ArgumentOutOfRangeException(nameof(maxDegrees), maxDegrees, "must be between 0 and 180 degrees");
        TorchRuntime.EnsureLoaded();
        var generator = new Generator((ulong)(seed ?? Seeds.Next()));
        return images =>
        {
            if (images.dim() != 4)
                throw new ArgumentException($"ShiftAndRotate expects images [N, C, H, W], got [{string.Join(", ", images.shape)}]", nameof(images));
            using var scope = NewDisposeScope();
            long n = images.shape[0], height = images.shape[2], width = images.shape[3];
            var angles = (rand(n, generator: generator, dtype: ScalarType.Float64) * 2 - 1) * (maxDegrees * Math.PI / 180);
            var shifts = randint(-maxShift, maxShift + 1, [n, 2], generator: generator, dtype: ScalarType.Float64);
            // affine_grid works in coordinates from −1 to 1, so one pixel is 2/size; whole-pixel shifts then land
            // exactly on pixel centres and bilinear sampling copies values unchanged.
            var cos = angles.cos();
            var sin = angles.sin();
            var tx = shifts[.., 0] * (2.0 / width);
            var ty = shifts[.., 1] * (2.0 / height);
            var theta = stack([cos, -sin, tx, sin, cos, ty], 1).reshape(n, 2, 3).to(images.dtype).to(images.device);
            var grid = nn.functional.affine_grid(theta, [n, images.shape[1], height, width], align_corners: false);
            return nn.functional.grid_sample(images, grid, align_corners: false).MoveToOuterDisposeScope();
        };
    }
}

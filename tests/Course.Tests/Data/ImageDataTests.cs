using Course.Data;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Data;

[Collection(TorchCollection.Name)]
public sealed class ImageDataTests
{
    public ImageDataTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void Mnist_rows_become_28_time_steps_and_the_images_survive_disposal()
    {
        var (train, test) = Mnist.Load();
        using var _ = train; using var __ = test;
        using var images = test.Take(5);
        using (var sequences = Mnist.AsRowSequences(images))
        {
            Assert.Equal([5L, 28, 28], sequences.Features.shape);
            Assert.True(sequences.Features[2, 13].eq(images.Features[2, 0, 13]).all().ToBoolean());
            Assert.True(sequences.Labels.eq(images.Labels).all().ToBoolean());
        }
        Assert.False(images.Features.IsInvalid || images.Labels.IsInvalid);
    }

    [Fact]
    public void Fashion_mnist_loads_like_mnist()
    {
        // Installed by `apt-get install dataset-fashion-mnist` (scripts/setup.sh); absent means a broken setup.
        var (train, test) = FashionMnist.Load();
        using var _ = train; using var __ = test;
        Assert.Equal([60_000L, 1, 28, 28], train.Features.shape);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(Enumerable.Repeat(6000L, 10), train.Labels.bincount(null).data<long>().ToArray());
        Assert.InRange(train.Features.max().ToDouble(), 0.99, 1.0);
        Assert.Equal(10, FashionMnist.Classes.Count);
    }

    [Fact]
    public void Fashion_mnist_missing_files_say_how_to_install_them()
    {
        string empty = Directory.CreateTempSubdirectory().FullName;
        var e = Assert.Throws<DatasetException>(() => FashionMnist.Load(empty));
        Assert.Contains("apt-get install", e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void Shifts_move_a_pixel_by_whole_pixels_within_the_limit()
    {
        var shift = Augment.ShiftAndRotate(maxShift: 2, maxDegrees: 0, seed: 4);
        using var images = zeros(64, 1, 28, 28);
        images[.., 0, 14, 14] = tensor(1f);
        using var moved = shift(images);
        Assert.Equal(images.shape, moved.shape);
        var offsets = new HashSet<(long, long)>();
        for (int i = 0; i < 64; i++)
        {
            using var image = moved[i, 0];
            Assert.Equal(1.0, image.sum().ToDouble(), 4);
            long at = image.argmax().ToInt64();
            var (row, col) = (at / 28 - 14, at % 28 - 14);
            Assert.InRange(row, -2, 2);
            Assert.InRange(col, -2, 2);
            Assert.Equal(1.0, image.max().ToDouble(), 4);
            offsets.Add((row, col));
        }
        Assert.True(offsets.Count > 10, $"only {offsets.Count} distinct shifts in 64 images");
    }

    [Fact]
    public void Rotation_turns_a_bar_but_keeps_its_centre()
    {
        var rotate = Augment.ShiftAndRotate(maxShift: 0, maxDegrees: 30, seed: 5);
        using var images = zeros(16, 1, 28, 28);
        images[.., 0, 14, 4..24] = tensor(1f);
        using var turned = rotate(images);
        using var centre = turned[.., 0, 14, 14];
        Assert.True(centre.gt(0.5).all().ToBoolean());
        Assert.False(turned.allclose(images), "no image was rotated");
    }
}

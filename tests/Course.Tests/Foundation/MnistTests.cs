using Course.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Foundation;

public sealed class MnistTests
{
    private static readonly long[] TrainHistogram = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    private static readonly long[] TestHistogram = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    [Fact]
    public void Loads_the_real_dataset_with_shapes_types_and_range()
    {
        var (train, test) = Mnist.Load();
        using var _ = train; using var __ = test;

        Assert.Equal(new long[] { 60000, 1, 28, 28 }, train.Features.shape);
        Assert.Equal(new long[] { 10000, 1, 28, 28 }, test.Features.shape);
        Assert.Equal(ScalarType.Float32, train.Features.dtype);
        Assert.Equal(ScalarType.Int64, train.Labels.dtype);
        Assert.Equal(0f, train.Features.min().item<float>());
        Assert.Equal(1f, train.Features.max().item<float>());
    }

    [Fact]
    public void Label_counts_match_the_published_histograms()
    {
        var (train, test) = Mnist.Load();
        using var _ = train; using var __ = test;

        Assert.Equal(TrainHistogram, train.Labels.bincount(null).data<long>().ToArray());
        Assert.Equal(TestHistogram, test.Labels.bincount(null).data<long>().ToArray());
    }

    [Fact]
    public void Standardising_uses_training_statistics_only()
    {
        var (train, test) = Mnist.Load(standardize: true);
        using var _ = train; using var __ = test;

        Assert.Equal(0.0, train.Features.mean().item<float>(), 4);
        Assert.Equal(1.0, train.Features.std().item<float>(), 3);
        // The test set is shifted by the training mean, not its own, so its mean is near but not exactly 0.
        Assert.NotEqual(0.0, test.Features.mean().item<float>(), 4);
    }

    [Fact]
    public void Split_is_seeded_disjoint_and_complete()
    {
        var (train, test) = Mnist.Load();
        using var _ = test;
        using var small = train.Take(1000);
        var (a, b) = small.Split(0.1, seed: 7);
        var (c, d) = small.Split(0.1, seed: 7);
        using var ___ = train; using var ____ = a; using var _____ = b; using var ______ = c; using var _______ = d;

        Assert.Equal(900, a.Count);
        Assert.Equal(100, b.Count);
        Assert.True(b.Features.allclose(d.Features, rtol: 0, atol: 0));
        Assert.True(a.Labels.allclose(c.Labels, rtol: 0, atol: 0));
        // Every image of the subset lands in exactly one part.
        Assert.Equal(small.Features.sum().item<float>(), a.Features.sum().item<float>() + b.Features.sum().item<float>(), 0);
    }

    [Fact]
    public void A_missing_file_names_the_file_and_how_to_restore_it()
    {
        using var copy = DatasetCopy.Create();
        File.Delete(Path.Combine(copy.Path, "t10k-labels-idx1-ubyte.gz"));

        var error = Assert.Throws<DatasetException>(() => Mnist.Load(copy.Path));
        Assert.Contains("t10k-labels-idx1-ubyte", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Contains("git checkout -- datasets/mnist", error.Message);
    }

    [Fact]
    public void A_corrupt_file_fails_its_checksum_with_expected_and_actual_hashes()
    {
        using var copy = DatasetCopy.Create();
        string file = Path.Combine(copy.Path, "train-labels-idx1-ubyte");
        byte[] bytes = Idx.ReadAllBytes(file + ".gz");
        bytes[^1] ^= 0xFF;
        File.Delete(file + ".gz");
        File.WriteAllBytes(file, bytes);   // raw (uncompressed) copies are accepted too

        var error = Assert.Throws<DatasetException>(() => Mnist.Load(copy.Path));
        Assert.Contains("corrupt", error.Message);
        Assert.Contains(Mnist.Checksums["train-labels-idx1-ubyte"], error.Message);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_reported_as_such()
    {
        using var copy = DatasetCopy.Create();
        string file = Path.Combine(copy.Path, "t10k-images-idx3-ubyte.gz");
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = Assert.ThrowsAny<Exception>(() => Mnist.Load(copy.Path));
        Assert.IsType<DatasetException>(error);
        Assert.Contains("t10k-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void Idx_headers_are_checked_against_the_data()
    {
        byte[] header = [0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3];   // declares 5 labels, holds 3
        var error = Assert.Throws<DatasetException>(() => Idx.Parse(header, "labels", expectedRank: 1));
        Assert.Contains("truncated", error.Message);

        var wrongMagic = Assert.Throws<DatasetException>(() => Idx.Parse([1, 2, 8, 1, 0, 0, 0, 1, 9], "x", 1));
        Assert.Contains("not an IDX file", wrongMagic.Message);

        var wrongRank = Assert.Throws<DatasetException>(() => Idx.Parse([0, 0, 8, 1, 0, 0, 0, 1, 9], "x", 3));
        Assert.Contains("expected 3", wrongRank.Message);

        var parsed = Idx.Parse([0, 0, 8, 1, 0, 0, 0, 2, 4, 7], "ok", 1);
        Assert.Equal([2], parsed.Dimensions);
        Assert.Equal(new byte[] { 4, 7 }, parsed.Values);
    }

    /// <summary>A temporary copy of datasets/mnist that a test may damage.</summary>
    private sealed class DatasetCopy : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("mnist-copy-").FullName;

        public static DatasetCopy Create()
        {
            var copy = new DatasetCopy();
            foreach (var file in Directory.GetFiles(DatasetPaths.Find("mnist"), "*.gz"))
                File.Copy(file, System.IO.Path.Combine(copy.Path, System.IO.Path.GetFileName(file)));
            return copy;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

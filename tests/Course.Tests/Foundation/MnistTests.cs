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
    public void Standardising_uses_the_training_split_only_never_validation_or_test()
    {
        // The statistics must come from the 54,000 training-split images: the old loader took all 60,000 (validation
        // included), which moves the standardised values by about 1e-3, far outside the tolerance below.
        var (rawTrain, rawTest) = Mnist.Load();
        var (rawFit, rawValidation) = rawTrain.Split(0.1, seed: 3);
        using var splits = Mnist.Load(validationFraction: 0.1, seed: 3, standardize: true);
        using var _ = rawTrain; using var __ = rawTest; using var ___ = rawFit; using var ____ = rawValidation;
        using var mean = rawFit.Features.mean();
        using var std = rawFit.Features.std();

        Assert.Equal(54_000, splits.Train.Count);
        Assert.Equal(6_000, splits.Validation.Count);
        Assert.Equal(10_000, splits.Test.Count);
        Assert.Equal(0.0, splits.Train.Features.mean().item<float>(), 5);
        Assert.Equal(1.0, splits.Train.Features.std().item<float>(), 4);
        Assert.True(splits.Validation.Labels.eq(rawValidation.Labels).all().item<bool>(), "the same seed must hold out the same images as Split");
        foreach (var (standardised, raw) in new[] { (splits.Train, rawFit), (splits.Validation, rawValidation), (splits.Test, rawTest) })
        {
            using var expected = (raw.Features - mean) / std;
            Assert.True(standardised.Features.allclose(expected, rtol: 0, atol: 1e-5), "every split is scaled with the training split's mean and spread");
        }
        // Validation and test are shifted by the training mean, not their own, so their means are near but not at 0.
        Assert.NotEqual(0.0, splits.Validation.Features.mean().item<float>(), 4);
    }

    [Fact]
    public void A_validation_share_of_zero_keeps_every_training_image_and_a_bad_share_is_explained()
    {
        using var splits = Mnist.Load(validationFraction: 0, seed: 1, standardize: true);
        Assert.Equal(60_000, splits.Train.Count);
        Assert.Equal(0, splits.Validation.Count);
        Assert.Equal(0.0, splits.Train.Features.mean().item<float>(), 5);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(validationFraction: 1.5, seed: 1));
        Assert.Contains("e.g. 0.1", error.Message);
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

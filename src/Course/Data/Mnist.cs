using System.Collections.Concurrent;
using System.Security.Cryptography;
using Course.Platform;
using static TorchSharp.torch;

namespace Course.Data;

/// <summary>
/// The MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges), shipped in datasets/mnist as gzip'd IDX
/// files and verified by SHA-256 on every load, so a notebook never trains on a damaged copy.
/// </summary>
public static class Mnist
{
    /// <summary>Image side length in pixels.</summary>
    public const int Side = 28;

    /// <summary>SHA-256 of each uncompressed file (the same values as datasets/mnist/README.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> Checksums = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        ["train-labels-idx1-ubyte"] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        ["t10k-images-idx3-ubyte"] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        ["t10k-labels-idx1-ubyte"] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    // Verified, decoded files by path, size and time, so that the second load in a process skips gunzip and hashing.
    private static readonly ConcurrentDictionary<(string, long, DateTime), Idx.Contents> Cache = new();

    /// <summary>Loads the 60,000 training and 10,000 test digits, pixels scaled to [0, 1].</summary>
    /// <param name="directory">Folder with the IDX files (.gz or raw); default: the repository's datasets/mnist.</param>
    /// <returns>Images as float32 [N, 1, 28, 28] and labels as int64 [N].</returns>
    public static (TensorDataset Train, TensorDataset Test) Load(string? directory = null)
    {
        TorchRuntime.EnsureLoaded();
        return LoadPair(directory ?? DatasetPaths.Find("mnist"), ReadVerified);
    }

    /// <summary>
    /// Loads MNIST as training, validation and test splits. The validation images are exactly those of
    /// <c>Load().Train.Split(validationFraction, seed)</c>, so a seed picks the same images with or without
    /// standardising.
    /// </summary>
    /// <param name="validationFraction">
    /// Share of the 60,000 training images held out for validation, e.g. 0.1; 0 holds none out (an empty validation split).
    /// </param>
    /// <param name="seed">Seed of the random split.</param>
    /// <param name="standardize">
    /// Shift and scale pixels to mean 0 and standard deviation 1 with statistics of the training split only, then
    /// apply the same shift and scale to validation and test: statistics taken over validation or test images would
    /// leak them into training (the rule notebook 00 measures).
    /// </param>
    /// <param name="directory">Folder with the IDX files (.gz or raw); default: the repository's datasets/mnist.</param>
    public static ImageSplits Load(double validationFraction, long seed, bool standardize = false, string? directory = null)
    {
        TorchRuntime.EnsureLoaded();
        return LoadSplits(directory ?? DatasetPaths.Find("mnist"), validationFraction, seed, standardize, ReadVerified);
    }

    /// <summary>The old call, which standardised with all 60,000 training images, validation included.</summary>
    [Obsolete(StandardizeWithoutSplit, error: true)]
    public static (TensorDataset Train, TensorDataset Test) Load(bool standardize, string? directory = null) =>
        throw new NotSupportedException(StandardizeWithoutSplit);

    internal const string StandardizeWithoutSplit =
        "Load(standardize: …) without a validation split is gone: standardising needs to know which images are the " +
        "training split, or validation leaks into the statistics. Call Load(validationFraction: 0.1, seed: 1, " +
        "standardize: true), which returns (train, validation, test); for raw [0, 1] pixels call Load().";

    /// <summary>
    /// MNIST as sequences for recurrent networks: each 28×28 image becomes 28 time steps of 28 pixels (one row
    /// per step), features [N, 28, 28]. The result shares memory with <paramref name="images"/>; disposing it
    /// leaves <paramref name="images"/> intact.
    /// </summary>
    public static TensorDataset AsRowSequences(TensorDataset images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.Features.shape;
        if (shape.Length != 4 || shape[1] != 1 || shape[2] != Side || shape[3] != Side)
            throw new ArgumentException($"expected MNIST images [N, 1, 28, 28], got [{string.Join(", ", shape)}]", nameof(images));
        return new TensorDataset(images.Features.reshape(shape[0], Side, Side), images.Labels.alias());
    }

    /// <summary>Loads a train/test pair of IDX image sets (MNIST layout) from <paramref name="directory"/>.</summary>
    internal static (TensorDataset Train, TensorDataset Test) LoadPair(
        string directory, Func<string, string, int, Idx.Contents> read) =>
        (LoadSplit(directory, "train", read), LoadSplit(directory, "t10k", read));

    /// <summary>
    /// Loads an IDX pair, holds out a seeded validation share of the training file and, if asked, standardises all
    /// three splits with the mean and standard deviation of the training split alone.
    /// </summary>
    internal static ImageSplits LoadSplits(string directory, double validationFraction, long seed, bool standardize,
        Func<string, string, int, Idx.Contents> read)
    {
        if (validationFraction is < 0 or >= 1 || double.IsNaN(validationFraction))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                "the validation share must be at least 0 and below 1, e.g. 0.1 for 6,000 of the 60,000 training images " +
                "(0 = no validation split: every training image is in the training split)");
        var (all, test) = LoadPair(directory, read);
        TensorDataset train, validation;
        if (validationFraction == 0)
            (train, validation) = (all, all.Select(empty(0, dtype: ScalarType.Int64)));
        else
        {
            (train, validation) = all.Split(validationFraction, seed);   // copies, so `all` can go
            all.Dispose();
        }
        if (standardize)
        {
            using var mean = train.Features.mean();
            using var std = train.Features.std();
            foreach (var split in new[] { train, validation, test })
                split.Features.sub_(mean).div_(std);
        }
        return new ImageSplits(train, validation, test);
    }

    private static TensorDataset LoadSplit(string directory, string prefix, Func<string, string, int, Idx.Contents> read)
    {
        var images = read(directory, $"{prefix}-images-idx3-ubyte", 3);
        var labels = read(directory, $"{prefix}-labels-idx1-ubyte", 1);
        if (images.Count != labels.Count)
            throw new DatasetException($"{prefix}: {images.Count} images but {labels.Count} labels in {directory}.");
        if (images.Dimensions[1] != Side || images.Dimensions[2] != Side)
            throw new DatasetException($"{prefix}-images: images are {images.Dimensions[1]}×{images.Dimensions[2]}, expected {Side}×{Side}.");

        // frombuffer reads the cached bytes in place; tensor(byte[]) would first copy all 47 MB (150 ms measured).
        using var flat = frombuffer(images.Values, ScalarType.Byte);
        using var raw = flat.view(images.Count, 1, Side, Side);
        var x = raw.to_type(ScalarType.Float32).div_(255f);
        using var rawLabels = frombuffer(labels.Values, ScalarType.Byte);
        var y = rawLabels.to_type(ScalarType.Int64);
        // Named, so EvaluationLog can tell an evaluation on test images from one on training or validation images.
        return new TensorDataset(x, y) { SplitName = prefix == "t10k" ? "test" : "train" };
    }

    private const string Restore =
        "Restore it with `git checkout -- datasets/mnist` (it ships with the course; see datasets/mnist/README.md).";

    /// <summary>One MNIST file's integrity: where it is and, when it is unusable, why and how to fix it.</summary>
    /// <param name="Name">The file's base name, e.g. train-images-idx3-ubyte.</param>
    /// <param name="Path">The file that was checked, or null when it is missing.</param>
    /// <param name="Problem">Null when the file matches its checksum; otherwise what is wrong and the fix.</param>
    public sealed record FileCheck(string Name, string? Path, string? Problem)
    {
        /// <summary>True when the file exists and matches its SHA-256.</summary>
        public bool Ok => Problem is null;
    }

    /// <summary>
    /// Checks every MNIST file against <see cref="Checksums"/> without building tensors (for <c>course doctor</c>).
    /// Uses the same file lookup, gunzip and hash as <see cref="Load(string?)"/>.
    /// </summary>
    /// <param name="directory">Folder with the IDX files; default: the repository's datasets/mnist.</param>
    public static IReadOnlyList<FileCheck> Verify(string? directory = null)
    {
        directory ??= DatasetPaths.Find("mnist");
        var results = new List<FileCheck>();
        foreach (var name in Checksums.Keys)
        {
            string? path = Locate(directory, name);
            try
            {
                if (path is null) throw Missing("MNIST", directory, name, Restore);
                CheckHash("MNIST", Checksums, Restore, path, Idx.ReadAllBytes(path), name);
                results.Add(new FileCheck(name, path, null));
            }
            catch (DatasetException e)
            {
                results.Add(new FileCheck(name, path, e.Message));
            }
        }
        return results;
    }

    /// <summary>
    /// Reads <paramref name="name"/>(.gz) from <paramref name="directory"/> once per process (keyed by path, size
    /// and time), checks its uncompressed SHA-256, and parses it. <paramref name="restore"/> tells the user how
    /// to get a good copy, e.g. "Restore it with `git checkout -- datasets/mnist`".
    /// </summary>
    internal static Idx.Contents ReadVerified(string dataset, IReadOnlyDictionary<string, string> checksums, string restore,
        string directory, string name, int rank)
    {
        string path = Locate(directory, name) ?? throw Missing(dataset, directory, name, restore);
        var info = new FileInfo(path);
        return Cache.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), _ =>
        {
            byte[] bytes = Idx.ReadAllBytes(path);
            CheckHash(dataset, checksums, restore, path, bytes, name);
            return Idx.Parse(bytes, name, rank);
        });
    }

    private static Idx.Contents ReadVerified(string directory, string name, int rank) =>
        ReadVerified("MNIST", Checksums, Restore, directory, name, rank);

    private static string? Locate(string directory, string name)
    {
        string gz = Path.Combine(directory, name + ".gz");
        string rawPath = Path.Combine(directory, name);
        return File.Exists(gz) ? gz : File.Exists(rawPath) ? rawPath : null;
    }

    private static DatasetException Missing(string dataset, string directory, string name, string restore) =>
        new($"{dataset} file {name}(.gz) is missing from {directory}. {restore}");

    private static void CheckHash(string dataset, IReadOnlyDictionary<string, string> checksums, string restore,
        string path, byte[] bytes, string name)
    {
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != checksums[name])
            throw new DatasetException(
                $"{dataset} file {path} is corrupt: its uncompressed SHA-256 is {actual}, expected {checksums[name]} " +
                $"({bytes.Length} bytes read). {restore}");
    }
}

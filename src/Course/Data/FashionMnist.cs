using Course.Platform;

namespace Course.Data;

/// <summary>
/// Fashion-MNIST (Zalando Research: H. Xiao, K. Rasul, R. Vollgraf): 70,000 28×28 greyscale photos of clothes
/// in 10 classes, the same IDX layout as MNIST and noticeably harder. Not shipped with the course; Debian's
/// <c>dataset-fashion-mnist</c> package installs it in <see cref="SystemDirectory"/>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> puts the files.</summary>
    public const string SystemDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Class names, by label.</summary>
    public static readonly IReadOnlyList<string> Classes =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>SHA-256 of each uncompressed file (those of the upstream release, as Debian ships them).</summary>
    public static readonly IReadOnlyDictionary<string, string> Checksums = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["train-labels-idx1-ubyte"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["t10k-images-idx3-ubyte"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        ["t10k-labels-idx1-ubyte"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    /// <summary>True when the files can be found (so a notebook can offer Fashion-MNIST as an option).</summary>
    public static bool IsAvailable => Locate() is not null;

    /// <summary>Loads the 60,000 training and 10,000 test images, shaped and scaled exactly like <see cref="Mnist.Load(string?)"/>.</summary>
    /// <param name="directory">Folder with the IDX files (.gz or raw); default: datasets/fashion-mnist in the repository or <see cref="SystemDirectory"/>.</param>
    public static (TensorDataset Train, TensorDataset Test) Load(string? directory = null)
    {
        TorchRuntime.EnsureLoaded();
        return Mnist.LoadPair(directory ?? FindDirectory(), ReadVerified);
    }

    /// <summary>
    /// Training, validation and test splits, like <see cref="Mnist.Load(double, long, bool, string?)"/>: standardising
    /// uses the training split's statistics only.
    /// </summary>
    public static ImageSplits Load(double validationFraction, long seed, bool standardize = false, string? directory = null)
    {
        TorchRuntime.EnsureLoaded();
        return Mnist.LoadSplits(directory ?? FindDirectory(), validationFraction, seed, standardize, ReadVerified);
    }

    private static string FindDirectory() => Locate() ?? throw new DatasetException(
        $"Fashion-MNIST is not installed: no datasets/fashion-mnist folder in the course and nothing in {SystemDirectory}. " +
        "Install it with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or put the four IDX files " +
        "(train-images-idx3-ubyte.gz, …) into datasets/fashion-mnist.");

    private static string? Locate()
    {
        try
        {
            return DatasetPaths.Find("fashion-mnist");
        }
        catch (DatasetException)
        {
            return Directory.Exists(SystemDirectory) ? SystemDirectory : null;
        }
    }

    private static Idx.Contents ReadVerified(string directory, string name, int rank) =>
        Mnist.ReadVerified("Fashion-MNIST", Checksums,
            "Reinstall it with `sudo apt-get install --reinstall dataset-fashion-mnist`.", directory, name, rank);
}

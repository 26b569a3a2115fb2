using static TorchSharp.torch;

namespace Course.Exercises.Catalogue;

/// <summary>
/// Runs a check's own small training run on one libtorch thread. Tiny models split over several threads spend more
/// on the hand-off than on the work, and on a busy machine every step waits for the slowest thread (notebook 04
/// measured one epoch at 32 s on 2 threads and 0.7 s on 1 under load). The check's verdict does not depend on it.
/// </summary>
internal static class OneThread
{
    public static T Run<T>(Func<T> work)
    {
        int before = get_num_threads();
        set_num_threads(1);
        try { return work(); }
        finally { set_num_threads(before); }
    }
}

namespace Course.Hosting;

/// <summary>
/// How far a long piece of work in the running cell has got (a training run), for hosts that show it beside the
/// cell rather than in it: <c>course run</c> draws it on the terminal. It is never stored in the notebook.
/// </summary>
/// <param name="Stage">Where the work is, e.g. "epoch 2/3".</param>
/// <param name="Fraction">Share done, from 0 to 1; null when the end is unknown (training with no epoch limit).</param>
/// <param name="Remaining">Estimated time until the work ends; null when unknown.</param>
/// <param name="Detail">The current numbers, e.g. "batch 100/469  loss 0.1234  12,345 samples/s".</param>
public sealed record CellProgress(string Stage, double? Fraction, TimeSpan? Remaining, string Detail)
{
    /// <summary>One line, e.g. "epoch 2/3  batch 100/469  loss 0.1234  12,345 samples/s  ETA 0:42".</summary>
    public override string ToString() => $"{Stage}  {Detail}" + (Remaining is { } left ? $"  ETA {Duration(left)}" : "");

    /// <summary>A duration as a clock shows it: "0:42", "12:05", "1:02:03".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
}

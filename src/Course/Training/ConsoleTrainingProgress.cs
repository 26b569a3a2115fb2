namespace Course.Training;

/// <summary>
/// A single progress line on a terminal, rewritten in place with a carriage return; one permanent line per
/// epoch. The trainer uses it outside notebooks when stderr is a terminal.
/// </summary>
public sealed class ConsoleTrainingProgress(TextWriter writer) : IProgressReporter
{
    private int width;

    /// <inheritdoc />
    public void Report(TrainingProgress progress)
    {
        string line = progress.ToString();
        writer.Write("\r" + line.PadRight(width));
        width = line.Length;
        writer.Flush();
    }

    /// <inheritdoc />
    public void EpochCompleted(History history)
    {
        var e = history.Last!;
        string line = $"epoch {e.Epoch}: loss {e.TrainLoss:F4}" +
            (e.TrainAccuracy is { } ta ? $" acc {ta:P2}" : "") +
            (e.ValidationLoss is { } vl ? $"  val loss {vl:F4}" : "") +
            (e.ValidationAccuracy is { } va ? $" acc {va:P2}" : "") +
            $"  {e.SamplesPerSecond:N0} samples/s  {e.Seconds:F1} s";
        writer.WriteLine("\r" + line.PadRight(width));
        width = 0;
        writer.Flush();
    }
}

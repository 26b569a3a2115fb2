using System.Diagnostics;
using Course.Data;
using Course.Hosting;
using Course.Models;
using Course.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Training;

/// <summary>
/// The course's one training loop: mini-batches, forward, loss, backward, callbacks (clipping, recording), step — with
/// validation, progress, divergence and cancellation checks. Read it once; then use it.
/// </summary>
public static class Trainer
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/> and returns what each epoch measured.</summary>
    /// <param name="model">Any module mapping a feature batch to outputs.</param>
    /// <param name="train">Training examples (shuffled each epoch with <see cref="TrainOptions.Seed"/>).</param>
    /// <param name="validation">Examples evaluated after each epoch and never trained on; null for none.</param>
    /// <param name="options">Loss, optimizer, epochs, batch size and the rest; null for the defaults.</param>
    /// <exception cref="TrainingDivergedException">The training loss, the weights or the validation loss became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">The cell was interrupted or <see cref="TrainOptions.Cancellation"/> fired.</exception>
    public static History Fit(nn.Module<Tensor, Tensor> model, TensorDataset train, TensorDataset? validation = null, TrainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options ??= new TrainOptions();
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be at least 1 (or null for no limit)");
        if (options.Epochs is null && options.Callbacks.Count == 0)
            throw new ArgumentException("Epochs = null trains until a callback stops it, but there are no callbacks: add one " +
                "(e.g. new StopWhen(c => ..., \"time budget spent\")) or set Epochs.", nameof(options));
        Seeds.Set(options.Seed);
        var device = options.Device ?? TorchRuntime.Device;
        model.to(device);

        // Before the optimizer: with mixed precision it must update the float32 masters, not the model's bfloat16 weights.
        using var mixed = MixedPrecision.Start(model, options.Precision);
        using var optimizer = options.Optimizer(mixed?.Masters ?? model.parameters());
        using var loader = new DataLoader(train, options.BatchSize, shuffle: true, seed: options.Seed, transform: options.Transform, device: device);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.Cancellation, CellContext.Cancellation);
        var history = new History(options.Loss);
        var context = new TrainingContext(model, optimizer, options, history, loader.BatchCount);
        var reporters = BuiltInProgress(options).Concat(options.Reporters).ToList();
        try
        {
            foreach (var callback in options.Callbacks) callback.OnTrainBegin(context);
            for (int epoch = 1; (options.Epochs is null || epoch <= options.Epochs) && !context.StopRequested; epoch++)
            {
                context.Epoch = epoch;
                var record = RunEpoch(context, mixed, loader, validation, device, reporters, cancellation.Token);
                history.Add(record);
                foreach (var reporter in reporters) reporter.EpochCompleted(history);
                foreach (var callback in options.Callbacks) callback.OnEpochEnd(context);
            }
            // Float32 again before OnTrainEnd, so callbacks (early stopping's best weights) write into the final model.
            mixed?.Restore();
            bool allEpochsDone = context.Epoch == options.Epochs && context.Batch == context.BatchesPerEpoch;
            if (context.StopRequested && !allEpochsDone)
                history.StopReason = context.StopReason ?? $"a callback stopped training in epoch {context.Epoch} after batch {context.Batch}";
            foreach (var callback in options.Callbacks) callback.OnTrainEnd(context);
        }
        finally
        {
            foreach (var cleanup in options.Callbacks.OfType<ITrainingCleanup>()) cleanup.AfterTraining();
            foreach (var reporter in reporters) reporter.Completed(history);
        }
        return history;
    }

    private static EpochRecord RunEpoch(TrainingContext context, MixedPrecision? mixed, DataLoader loader, TensorDataset? validation, Device device,
        List<IProgressReporter> reporters, CancellationToken cancellation)
    {
        var options = context.Options;
        var model = context.Model;
        bool classification = options.Loss.IsClassification;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        double lossSum = 0;
        long correct = 0, seen = 0;
        model.train();
        context.Batch = 0;
        foreach (var batch in loader)
        {
            cancellation.ThrowIfCancellationRequested();
            context.Batch++;
            using (var scope = NewDisposeScope())
            {
                context.Optimizer.zero_grad();
                mixed?.ZeroWorkingGradients();
                var output = mixed is null ? model.call(batch.Features) : model.call(mixed.Input(batch.Features)).to(ScalarType.Float32);
                var loss = options.Loss.Compute(output, batch.Labels);
                double value = loss.ToDouble();
                if (!double.IsFinite(value))
                    throw new TrainingDivergedException(context.Epoch, context.Batch, context.BatchesPerEpoch, value);
                loss.backward();
                foreach (var callback in options.Callbacks) callback.OnAfterBackward(context);
                mixed?.GradientsToMasters();
                context.Optimizer.step();
                mixed?.MastersToModel();

                lossSum += value * batch.Count;
                seen += batch.Count;
                if (classification) correct += output.argmax(1).eq(batch.Labels).sum().ToInt64();
                context.BatchLoss = value;
            }
            foreach (var callback in options.Callbacks) callback.OnBatchEnd(context);

            bool last = context.Batch == context.BatchesPerEpoch || context.StopRequested;
            if (reporters.Count > 0 && (last || clock.Elapsed - lastReport >= ReportInterval))
            {
                lastReport = clock.Elapsed;
                var progress = Progress(context, lossSum / seen, classification ? (double)correct / seen : null, seen, clock.Elapsed);
                foreach (var reporter in reporters) reporter.Report(progress);
            }
            if (context.StopRequested) break;
        }
        double trainSeconds = clock.Elapsed.TotalSeconds;
        // The loss is checked before each step, so a step that broke the weights is caught here or by validation.
        if (FirstNonFinite(model) is { } broken)
            throw TrainingDivergedException.InWeights(context.Epoch, context.Batch, context.BatchesPerEpoch, broken);
        Evaluation? validated = validation is null ? null
            : Evaluate(model, validation, options.Loss, options.EvaluationBatchSize, device, cancellation);
        if (validated is { Loss: var validationLoss } && !double.IsFinite(validationLoss))
            throw TrainingDivergedException.InValidation(context.Epoch, validationLoss);
        return new EpochRecord(
            context.Epoch,
            lossSum / seen,
            classification ? (double)correct / seen : null,
            validated?.Loss,
            validated?.Accuracy,
            seen / trainSeconds,
            clock.Elapsed.TotalSeconds,
            context.LearningRate);
    }

    private static TrainingProgress Progress(TrainingContext context, double loss, double? accuracy, long seen, TimeSpan elapsed)
    {
        double perBatch = elapsed.TotalSeconds / context.Batch;
        int? remainingBatches = context.BatchesPerEpoch - context.Batch + context.BatchesPerEpoch * (context.Options.Epochs - context.Epoch);
        return new TrainingProgress(context.Epoch, context.Options.Epochs, context.Batch, context.BatchesPerEpoch,
            loss, accuracy, seen / Math.Max(elapsed.TotalSeconds, 1e-9),
            remainingBatches is { } left ? TimeSpan.FromSeconds(perBatch * left) : null);
    }

    // The name of the first parameter holding NaN or ±∞, or null when all are finite.
    private static string? FirstNonFinite(nn.Module model)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (name, parameter) in model.named_parameters())
            if (!parameter.isfinite().all().ToBoolean()) return name;
        return null;
    }

    private static IEnumerable<IProgressReporter> BuiltInProgress(TrainOptions options)
    {
        if (options.Quiet) return [];
        if (CellContext.InNotebook) return [new NotebookTrainingProgress()];
        return Console.IsErrorRedirected ? [] : [new ConsoleTrainingProgress(Console.Error)];
    }

    /// <summary>Mean loss (and accuracy, for classification) of <paramref name="model"/> on <paramref name="data"/>, without gradients, in evaluation mode.</summary>
    /// <param name="model">The model; its training/evaluation mode is restored afterwards.</param>
    /// <param name="data">Examples to score.</param>
    /// <param name="loss">The loss; default cross-entropy.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    /// <param name="device">Where to compute; default: where the model's parameters are.</param>
    /// <param name="cancellation">Checked between batches (the running cell's cancellation is checked too).</param>
    public static Evaluation Evaluate(nn.Module<Tensor, Tensor> model, TensorDataset data, Loss? loss = null, int batchSize = TrainOptions.DefaultEvaluationBatchSize,
        Device? device = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        loss ??= Loss.CrossEntropy;
        device ??= DeviceOf(model);
        EvaluationLog.Record(data);
        var precision = FloatTypeOf(model);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var loader = new DataLoader(data, batchSize, device: device);
            double lossSum = 0;
            long correct = 0;
            foreach (var batch in loader)
            {
                cancellation.ThrowIfCancellationRequested();
                CellContext.Cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var output = Outputs(model, batch.Features, precision);
                lossSum += loss.Compute(output, batch.Labels).ToDouble() * batch.Count;
                if (loss.IsClassification) correct += output.argmax(1).eq(batch.Labels).sum().ToInt64();
            }
            return new Evaluation(lossSum / data.Count, loss.IsClassification ? (double)correct / data.Count : null, data.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The model's outputs for <paramref name="features"/> (evaluation mode, no gradients), on the CPU. The caller disposes the result.</summary>
    /// <param name="model">The model; its training/evaluation mode is restored afterwards.</param>
    /// <param name="features">Inputs, first dimension = example.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    /// <param name="device">Where to compute; default: where the model's parameters are.</param>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor features, int batchSize = TrainOptions.DefaultEvaluationBatchSize, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch needs at least one example");
        device ??= DeviceOf(model);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var outputs = new List<Tensor>();
            for (long start = 0; start < features.shape[0]; start += batchSize)
            {
                CellContext.Cancellation.ThrowIfCancellationRequested();
                var x = features.narrow(0, start, Math.Min(batchSize, features.shape[0] - start)).to(device);
                outputs.Add(model.call(x).cpu());
            }
            return cat(outputs, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    // A model in bfloat16 (during mixed-precision training, or cast by hand) gets its input in bfloat16 and gives
    // float32 outputs, so the loss and accuracy are computed as for a float32 model.
    private static Tensor Outputs(nn.Module<Tensor, Tensor> model, Tensor features, ScalarType? precision) =>
        precision is { } type && type != ScalarType.Float32 && features.dtype == ScalarType.Float32
            ? model.call(features.to(type)).to(ScalarType.Float32)
            : model.call(features);

    private static ScalarType? FloatTypeOf(nn.Module model) =>
        model.parameters().Select(p => p.dtype).Cast<ScalarType?>().FirstOrDefault(t => t is ScalarType.BFloat16 or ScalarType.Float16 or ScalarType.Float32);

    // Evaluating where the model lives avoids a device mismatch after Fit trained on a non-default device.
    private static Device DeviceOf(nn.Module model) => model.parameters().FirstOrDefault()?.device ?? TorchRuntime.Device;
}

using Course.Data;
using static TorchSharp.torch;

namespace Course.Compression;

/// <summary>
/// Knowledge distillation (Hinton, Vinyals, Dean 2015, "Distilling the Knowledge in a Neural Network"): a small student
/// learns from a big teacher's <em>soft targets</em> — its probabilities softened by a temperature T — as well as
/// from the true labels. The soft targets say which wrong classes are nearly right ("this 4 looks a bit like a 9").
/// </summary>
public static class Distillation
{
    /// <summary>softmax(logits / T) over the classes (dimension 1). T = 1 is the ordinary softmax; larger T is softer.</summary>
    public static Tensor SoftTargets(Tensor logits, double temperature)
    {
        Positive(temperature);
        return nn.functional.softmax(logits / temperature, 1);
    }

    /// <summary>
    /// T² · KL(teacher ‖ student) on temperature-softened distributions, averaged over the batch. The T² keeps the
    /// gradient size comparable across temperatures (softening shrinks the gradients by 1/T²).
    /// </summary>
    public static Tensor SoftLoss(Tensor studentLogits, Tensor teacherLogits, double temperature)
    {
        Positive(temperature);
        using var scope = NewDisposeScope();
        var logStudent = nn.functional.log_softmax(studentLogits / temperature, 1);
        var logTeacher = nn.functional.log_softmax(teacherLogits / temperature, 1);
        var kl = (logTeacher.exp() * (logTeacher - logStudent)).sum(1).mean();
        return (kl * (temperature * temperature)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The training loss α · soft loss + (1 − α) · cross-entropy. It expects the labels made by <see cref="WithTeacher"/>:
    /// float [N, 1 + classes], the class index in column 0 and the teacher's logits after it. (Not a classification
    /// loss for the trainer, whose accuracy needs plain labels: evaluate the student on the ordinary dataset.)
    /// </summary>
    public static Course.Training.Loss Loss(double temperature, double alpha = 0.5)
    {
        Positive(temperature);
        if (alpha is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α weights the soft loss against cross-entropy; it is between 0 and 1.");
        return new Course.Training.Loss($"distillation (T={temperature}, α={alpha})", (output, labels) =>
        {
            if (labels.dim() != 2 || labels.shape[1] != output.shape[1] + 1)
                throw new ArgumentException($"Distillation labels must be [N, 1 + {output.shape[1]}] (class, then teacher logits); got [{string.Join(", ", labels.shape)}]. Build the dataset with Distillation.WithTeacher.");
            using var scope = NewDisposeScope();
            var classes = labels.select(1, 0).to_type(ScalarType.Int64);
            var teacher = labels.slice(1, 1, labels.shape[1], 1);
            var loss = alpha * SoftLoss(output, teacher, temperature) + (1 - alpha) * nn.functional.cross_entropy(output, classes);
            return loss.MoveToOuterDisposeScope();
        }, IsClassification: false);
    }

    /// <summary>
    /// The dataset with the teacher's logits computed once (evaluation mode, no gradients) and carried in the labels:
    /// float [N, 1 + classes] = (class index, teacher logits). Precomputing costs one forward pass of the teacher
    /// instead of one per student epoch.
    /// </summary>
    public static TensorDataset WithTeacher(TensorDataset data, nn.Module<Tensor, Tensor> teacher, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(teacher);
        var logits = Course.Training.Trainer.Predict(teacher, data.Features, batchSize);
        using var classes = data.Labels.to_type(ScalarType.Float32).unsqueeze(1).to(logits.device);
        var labels = cat([classes, logits.to_type(ScalarType.Float32)], 1);
        logits.Dispose();
        return new TensorDataset(data.Features, labels);
    }

    private static void Positive(double temperature)
    {
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive (1 = ordinary softmax, e.g. 4 for distillation).");
    }
}

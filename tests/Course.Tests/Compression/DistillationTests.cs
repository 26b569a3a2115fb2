using Course.Compression;
using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Compression;

[Collection(TorchCollection.Name)]
public sealed class DistillationTests
{
    public DistillationTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void A_higher_temperature_softens_the_distribution()
    {
        using var logits = tensor(new float[,] { { 2f, 1f, 0f } });
        using var sharp = Distillation.SoftTargets(logits, 1);
        using var soft = Distillation.SoftTargets(logits, 4);
        Assert.Equal(Math.Exp(2) / (Math.Exp(2) + Math.E + 1), sharp[0, 0].ToDouble(), 5);
        Assert.True(soft[0, 0].ToDouble() < sharp[0, 0].ToDouble());
        Assert.Equal(1.0, soft.sum().ToDouble(), 5);
    }

    [Fact]
    public void The_soft_loss_is_zero_for_identical_logits_and_positive_otherwise()
    {
        using var a = tensor(new float[,] { { 2f, 1f, 0f } });
        using var b = tensor(new float[,] { { 0f, 1f, 2f } });
        Assert.Equal(0.0, Distillation.SoftLoss(a, a, 3).ToDouble(), 6);
        using var p = Distillation.SoftTargets(b, 3);
        using var q = Distillation.SoftTargets(a, 3);
        double kl = (p * (p.log() - q.log())).sum().ToDouble();
        Assert.Equal(9 * kl, Distillation.SoftLoss(a, b, 3).ToDouble(), 5);
    }

    [Fact]
    public void Teacher_logits_travel_in_the_labels_and_the_loss_reads_them()
    {
        manual_seed(5);
        using var teacher = new MnistMlp(hidden: 8, dropout: 0);
        var data = new TensorDataset(rand(6, 1, 28, 28), tensor(new long[] { 0, 1, 2, 3, 4, 5 }));
        var withTeacher = Distillation.WithTeacher(data, teacher);
        Assert.Equal([6L, 11], withTeacher.Labels.shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, withTeacher.Labels.select(1, 0).data<float>().ToArray());

        using var teacherLogits = teacher.call(data.Features);
        var loss = Distillation.Loss(temperature: 2, alpha: 1);
        using var self = loss.Compute(teacherLogits, withTeacher.Labels);
        Assert.Equal(0.0, self.ToDouble(), 5);                       // a student equal to its teacher has nothing to learn
        var ceOnly = Distillation.Loss(temperature: 2, alpha: 0);
        using var ce = ceOnly.Compute(teacherLogits, withTeacher.Labels);
        using var expected = nn.functional.cross_entropy(teacherLogits, data.Labels);
        Assert.Equal(expected.ToDouble(), ce.ToDouble(), 5);
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(teacherLogits, data.Labels));
        Assert.Contains("WithTeacher", e.Message);
    }
}

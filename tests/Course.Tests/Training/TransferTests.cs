using Course.Data;
using Course.Models;
using Course.Platform;
using Course.Tests.Data;
using Course.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Course.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TransferTests
{
    public TransferTests() => TorchRuntime.EnsureLoaded();

    private static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());

    private static bool Same(Tensor a, Tensor b) => a.equal(b).all().ToBoolean();

    [Fact]
    public void CopyWeights_copies_the_chosen_layers_and_leaves_the_others_as_initialised()
    {
        Seeds.Set(1);
        using var source = new MnistCnn();
        using var target = new MnistCnn();
        var before = Snapshot(target);
        var copied = Transfer.CopyWeights(source, target, name => name.StartsWith("conv"));
        Assert.Equal(["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias"], copied);
        var sourceState = source.state_dict();
        foreach (var (name, tensor) in target.state_dict())
            Assert.True(name.StartsWith("conv") ? Same(tensor, sourceState[name]) : Same(tensor, before[name]), name);
        Assert.False(Same(before["conv1.weight"], sourceState["conv1.weight"]));
    }

    [Fact]
    public void CopyWeights_explains_a_shape_mismatch_and_a_filter_that_matches_nothing()
    {
        using var ten = new MnistCnn(classes: 10);
        using var five = new MnistCnn(classes: 5);
        var shape = Assert.Throws<ArgumentException>(() => Transfer.CopyWeights(ten, five, name => name.StartsWith("fc2")));
        Assert.Contains("'fc2.weight' is [10, 128] in the source but [5, 128] in the target", shape.Message);
        var none = Assert.Throws<ArgumentException>(() => Transfer.CopyWeights(ten, five, name => name.StartsWith("lstm")));
        Assert.Contains("no entry of the source matched", none.Message);
    }

    [Fact]
    public void Frozen_parameters_do_not_move_in_training_and_the_others_do()
    {
        Seeds.Set(2);
        using var model = new MnistCnn();
        var frozen = Transfer.Freeze(model, name => name.StartsWith("conv"));
        Assert.Equal(4, frozen.Count);
        Assert.Equal(["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"], Transfer.TrainableNames(model));
        var before = Snapshot(model);
        using var data = new TensorDataset(randn(64, 1, 28, 28), randint(0, 10, [64]));
        Trainer.Fit(model, data, options: new TrainOptions { Epochs = 1, BatchSize = 32, Quiet = true,
            Optimizer = p => optim.Adam(p.Where(x => x.requires_grad), lr: 1e-2) });
        foreach (var (name, tensor) in model.state_dict())
            Assert.True(name.StartsWith("conv") == Same(tensor, before[name]), $"{name} moved: {!Same(tensor, before[name])}");
    }

    [Fact]
    public void Adam_gives_pretrained_and_new_layers_their_own_learning_rates_and_skips_frozen_ones()
    {
        using var model = new MnistCnn();
        Transfer.Freeze(model, name => name.StartsWith("conv1"));
        using var optimizer = Transfer.Adam(model, name => name.StartsWith("conv"), learningRate: 1e-3, pretrainedLearningRate: 1e-5);
        var groups = optimizer.ParamGroups.ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(1e-5, groups[0].LearningRate, 12);
        Assert.Equal(1e-3, groups[1].LearningRate, 12);
        Assert.Equal(2, ((TorchSharp.Modules.ParamGroup)groups[0]).Parameters.Count());   // conv2's weight and bias: conv1 is frozen
        Assert.Equal(4, ((TorchSharp.Modules.ParamGroup)groups[1]).Parameters.Count());   // fc1, fc2

        Transfer.Freeze(model, _ => true);
        Assert.Contains("nothing to train", Assert.Throws<ArgumentException>(() => Transfer.Adam(model, _ => true, 1e-3, 1e-4)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Transfer.Adam(new MnistCnn(), _ => true, 1e-3, 0));
    }
}

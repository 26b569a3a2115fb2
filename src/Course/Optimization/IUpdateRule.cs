using static TorchSharp.torch;

namespace Course.Optimization;

/// <summary>
/// One optimizer written from scratch: given the parameters θ and the gradient ∇L(θ), return the next θ.
/// The rule keeps its own state (velocity, running averages, step count) between calls. Notebook 02 writes
/// gradient descent, momentum, RMSprop and Adam this way and checks them against <c>torch.optim</c>.
/// </summary>
public interface IUpdateRule
{
    /// <summary>The parameters after one step; must not modify <paramref name="theta"/> or <paramref name="gradient"/>.</summary>
    Tensor Step(Tensor theta, Tensor gradient);
}

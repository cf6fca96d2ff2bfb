using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// Each example's worst transform seen so far by a random or first-order spatial attack: a misclassified one before a correct one, then the
/// higher loss (Engstrom et al.'s rule), so offering more transforms never makes an example's kept one better for
/// the model. Starts from the identity, which every attack thereby includes. The kept tensors live outside any
/// dispose scope, since attacks offer from inner scopes, and are freed by <see cref="Dispose"/>.
/// </summary>
internal sealed class WorstTransforms : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly InputSpace space;
    private readonly Tensor images, labels;

    /// <summary>The kept parameters [N, 3], whether each example is misclassified under them, and its loss there.</summary>
    public Tensor Parameters { get; private set; }
    public Tensor Wrong { get; private set; }
    public Tensor Loss { get; private set; }

    public WorstTransforms(nn.Module<Tensor, Tensor> model, InputSpace space, Tensor images, Tensor labels)
    {
        (this.model, this.space, this.images, this.labels) = (model, space, images, labels);
        Parameters = zeros([images.shape[0], 3], dtype: images.dtype, device: images.device).DetachFromDisposeScope();
        var (wrong, loss) = Judge(Parameters);
        (Wrong, Loss) = (wrong.DetachFromDisposeScope(), loss.DetachFromDisposeScope());
    }

    /// <summary>Whether each example is misclassified under the transforms [N, 3], and its loss.</summary>
    public (Tensor Wrong, Tensor Loss) Judge(Tensor parameters)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var logits = space.Logits(model, SpatialTransform.Apply(images, parameters));
        var wrong = logits.argmax(1).ne(labels);
        var loss = nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.None);
        return (wrong.MoveToOuterDisposeScope(), loss.MoveToOuterDisposeScope());
    }

    /// <summary>Keeps, per example, whichever of its kept transform and <paramref name="parameters"/> is worse; returns whether each example is misclassified under the offer.</summary>
    public Tensor Offer(Tensor parameters)
    {
        using var scope = NewDisposeScope();
        var (wrong, loss) = Judge(parameters);
        var replace = wrong.logical_and(Wrong.logical_not()).logical_or(wrong.eq(Wrong).logical_and(loss.gt(Loss)));
        Swap(where(replace.unsqueeze(1), parameters, Parameters), where(replace, wrong, Wrong), where(replace, loss, Loss));
        return wrong.MoveToOuterDisposeScope();
    }

    private void Swap(Tensor parameters, Tensor wrong, Tensor loss)
    {
        Parameters.Dispose();
        Wrong.Dispose();
        Loss.Dispose();
        Parameters = parameters.DetachFromDisposeScope();
        Wrong = wrong.DetachFromDisposeScope();
        Loss = loss.DetachFromDisposeScope();
    }

    public void Dispose()
    {
        Parameters.Dispose();
        Wrong.Dispose();
        Loss.Dispose();
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis;

/// <summary>One parameter tensor's place in a <see cref="ParameterVector"/>: its name, where it starts and how many entries it has.</summary>
/// <param name="Name">The module's name for it (<c>fc1.weight</c>, <c>0.bias</c>).</param>
/// <param name="Offset">Index of its first entry in the flat vector.</param>
/// <param name="Length">Number of entries.</param>
/// <param name="Shape">Its shape in the module.</param>
public sealed record ParameterBlock(string Name, long Offset, long Length, long[] Shape);

/// <summary>
/// Some of a module's parameters seen as one flat vector θ: all trainable ones, one layer's or one tensor's.
/// The vector is read (<see cref="Flatten()"/>), written back (<see cref="Write"/>) and moved along a direction
/// (<see cref="Add"/>) in place, so analyses of the loss as a function of θ — Hessians, directions, interpolation —
/// work on any TorchSharp model. The entries run over the tensors in the module's registration order, each
/// tensor row-major; flat vectors live on the parameters' device with their dtype.
/// </summary>
public sealed class ParameterVector
{
    private readonly Tensor[] _parameters;

    private ParameterVector(string name, IReadOnlyList<(string Name, Tensor Parameter)> named)
    {
        if (named.Count == 0) throw new TheoryLabException($"'{name}' holds no trainable parameters; pick a module or block that has some.");
        Name = name;
        _parameters = [.. named.Select(p => p.Parameter)];
        var blocks = new List<ParameterBlock>();
        long offset = 0;
        foreach (var (parameterName, parameter) in named)
        {
            blocks.Add(new ParameterBlock(parameterName, offset, parameter.numel(), parameter.shape));
            offset += parameter.numel();
        }
        Blocks = blocks;
        Length = offset;
    }

    /// <summary>What the vector covers: <c>all</c>, a layer's name or a tensor's name.</summary>
    public string Name { get; }

    /// <summary>The parameter tensors, one per block, in order.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The tensors' names, offsets and lengths.</summary>
    public IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>Number of entries of θ.</summary>
    public long Length { get; }

    /// <summary>All trainable parameters of <paramref name="module"/>, in registration order.</summary>
    public static ParameterVector Of(nn.Module module) => new("all", Trainable(module));

    /// <summary>One vector per trainable parameter tensor of <paramref name="module"/>, each named after its tensor.</summary>
    public static IReadOnlyList<ParameterVector> PerTensor(nn.Module module) =>
        [.. Trainable(module).Select(p => new ParameterVector(p.Name, [p]))];

    /// <summary>
    /// One vector per layer: the trainable tensors that share a name up to the last dot (<c>fc1.weight</c> and
    /// <c>fc1.bias</c> form layer <c>fc1</c>), in the order each layer first appears.
    /// </summary>
    public static IReadOnlyList<ParameterVector> PerLayer(nn.Module module) =>
        [.. Trainable(module).GroupBy(p => LayerOf(p.Name)).Select(layer => new ParameterVector(layer.Key, [.. layer]))];

    /// <summary>
    /// The trainable tensors of two or more dimensions: linear and convolution weights, without biases and batch-norm
    /// scales and shifts (what Li et al.'s loss-landscape code perturbs and takes Hessians over, its <c>ignore=biasbn</c>).
    /// </summary>
    public static ParameterVector WeightTensors(nn.Module module) =>
        new("weights", [.. Trainable(module).Where(p => p.Parameter.dim() > 1)]);

    /// <summary>
    /// The trainable tensors of <paramref name="module"/> whose names satisfy <paramref name="include"/>, as one
    /// vector called <paramref name="name"/>.
    /// </summary>
    public static ParameterVector Where(nn.Module module, string name, Func<string, bool> include) =>
        new(name, [.. Trainable(module).Where(p => include(p.Name))]);

    /// <summary>θ: a detached copy of the parameters as one vector.</summary>
    public Tensor Flatten() => Flatten(_parameters);

    /// <summary>
    /// Tensors shaped like the parameters, one per block in order (gradients, a direction), as one vector;
    /// a null entry (a parameter the loss did not reach) contributes zeros.
    /// </summary>
    public Tensor Flatten(IReadOnlyList<Tensor?> partsLikeParameters)
    {
        if (partsLikeParameters.Count != _parameters.Length)
            throw new ArgumentException($"{partsLikeParameters.Count} tensors for {_parameters.Length} parameters", nameof(partsLikeParameters));
        using var scope = NewDisposeScope();
        // cat copies, so the vector shares no storage with the parameters or gradients it was read from; TorchSharp's
        // cat returns a lone tensor itself, which is then cloned.
        Tensor[] parts = [.. partsLikeParameters.Select((part, k) => (part ?? zeros_like(_parameters[k])).detach().reshape(-1))];
        return (parts.Length == 1 ? parts[0].clone() : cat(parts)).MoveToOuterDisposeScope();
    }

    /// <summary>The gradients left on the parameters by a backward pass, as one vector (zeros where none).</summary>
    public Tensor Gradient() => Flatten([.. _parameters.Select(p => p.grad)]);

    /// <summary>Views of <paramref name="flat"/>, one per block, shaped like the parameters.</summary>
    public Tensor[] Split(Tensor flat)
    {
        CheckLength(flat);
        return [.. Blocks.Select(b => flat.narrow(0, b.Offset, b.Length).view(b.Shape))];
    }

    /// <summary>Sets the parameters to <paramref name="flat"/> (θ ← flat), in place, outside autograd.</summary>
    public void Write(Tensor flat)
    {
        CheckLength(flat);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = Split(flat);
        for (int k = 0; k < _parameters.Length; k++) _parameters[k].copy_(parts[k]);
    }

    /// <summary>Moves the parameters along <paramref name="direction"/>: θ ← θ + scale·direction, in place, outside autograd.</summary>
    public void Add(Tensor direction, double scale = 1)
    {
        CheckLength(direction);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var parts = Split(direction);
        // An explicit Scalar, alive until the loop ends: one made implicitly from the double may be freed by the garbage
        // collector while libtorch reads it.
        using var alpha = scale.ToScalar();
        for (int k = 0; k < _parameters.Length; k++) _parameters[k].add_(parts[k].to(_parameters[k].dtype), alpha);
    }

    private void CheckLength(Tensor flat)
    {
        if (flat.dim() != 1 || flat.shape[0] != Length)
            throw new ArgumentException($"expected a vector of {Length} entries for '{Name}', got shape [{string.Join(", ", flat.shape)}]", nameof(flat));
    }

    private static List<(string Name, Tensor Parameter)> Trainable(nn.Module module) =>
        [.. module.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (Tensor)p.parameter))];

    private static string LayerOf(string parameterName)
    {
        int dot = parameterName.LastIndexOf('.');
        return dot < 0 ? parameterName : parameterName[..dot];
    }
}

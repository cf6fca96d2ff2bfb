namespace TheoryLab.Torch.SelfCheck;

/// <summary>Which implementation libtorch's convolutions (and other oneDNN-backed kernels) take.</summary>
public enum KernelPath
{
    /// <summary>libtorch's default: oneDNN where it judges it faster.</summary>
    OneDnn,

    /// <summary>oneDNN switched off: ATen's own kernels (convolutions as im2col and a matrix product).</summary>
    Native,
}

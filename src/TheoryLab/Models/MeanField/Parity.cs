namespace TheoryLab.Models.MeanField;

/// <summary>Whether φ is odd, even or neither; for odd or even φ, φ² and φ′² are even and quadrature evaluates half the nodes.</summary>
public enum Parity
{
    None,
    Odd,
    Even,
}

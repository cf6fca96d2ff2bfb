namespace TheoryLab.Models.MeanField;

/// <summary>
/// Gaussian expectations of an activation that have closed forms. Each member is optional; where one is
/// missing the mean-field maps integrate numerically. u ~ N(0, q); (u₁, u₂) centred with variances q₁, q₂
/// and correlation c.
/// </summary>
public sealed record GaussianClosedForms
{
    /// <summary>E[φ(u)²].</summary>
    public Func<double, double>? SecondMoment { get; init; }

    /// <summary>d E[φ(u)²] / dq, the slope of the length map before the factor σ_w².</summary>
    public Func<double, double>? SecondMomentSlope { get; init; }

    /// <summary>E[φ(u₁) φ(u₂)] as a function of (q₁, q₂, c).</summary>
    public Func<double, double, double, double>? Covariance { get; init; }

    /// <summary>E[φ′(u)²].</summary>
    public Func<double, double>? DerivativeSecondMoment { get; init; }

    /// <summary>E[φ′(u₁) φ′(u₂)] as a function of (q₁, q₂, c).</summary>
    public Func<double, double, double, double>? DerivativeCovariance { get; init; }
}

namespace TheoryLab.Analysis.Landscape;

/// <summary>The shape of a curve between two solutions with one bend φ (Garipov et al. 2018, Section 3.2).</summary>
public enum CurveKind
{
    /// <summary>The quadratic Bézier curve θ(t) = (1 − t)² θ₁ + 2t(1 − t) φ + t² θ₂.</summary>
    Bezier,

    /// <summary>The polygonal chain θ₁ → φ → θ₂, φ reached at t = ½.</summary>
    Polychain,
}

namespace TheoryLab.Analysis.Adversarial;

/// <summary>The norm that bounds a perturbation δ: ‖δ‖∞ ≤ ε (every pixel moves at most ε) or ‖δ‖₂ ≤ ε.</summary>
public enum PerturbationNorm
{
    Linf,
    L2,
}

namespace TheoryLab.Numerics.Spectra;

/// <summary>Random probe vectors v with E[vvᵀ] = I, for trace and spectral-density estimators.</summary>
public static class ProbeVectors
{
    /// <summary>
    /// Entries ±1 with equal probability (Rademacher). Among probes with E[vvᵀ] = I they give Hutchinson's estimator
    /// its least variance, 2Σ_{i≠j} A_ij², and every one has ‖v‖² = n exactly.
    /// </summary>
    public static double[] Rademacher(int dimension, Random random)
    {
        var v = new double[dimension];
        for (int i = 0; i < dimension; i++) v[i] = random.Next(2) == 0 ? -1.0 : 1.0;
        return v;
    }
}

namespace TheoryLab.Models.Initialisation;

/// <summary>The two uniform weight initialisations Glorot and Bengio (2010) compare; biases start at 0 in both.</summary>
public enum GlorotScheme
{
    /// <summary>W_ij ~ U[−1/√n_in, 1/√n_in], the then-common heuristic: Var[W] = 1/(3 n_in).</summary>
    Standard,

    /// <summary>W_ij ~ U[−√6/√(n_in + n_out), √6/√(n_in + n_out)]: Var[W] = 2/(n_in + n_out), their eq. 16.</summary>
    Normalised,
}

namespace TheoryLab.Data.Mnist1D;

/// <summary>
/// The knobs of MNIST-1D's generator. The defaults are those of the published dataset (Greydanus 2020,
/// arXiv:2011.14439; mnist1d's get_dataset_args): 5,000 sequences of 40 points, 4,000 for training.
/// </summary>
public sealed record Mnist1DParameters
{
    /// <summary>Examples in all (divided equally among the ten digits; a remainder is dropped).</summary>
    public int Samples { get; init; } = 5000;

    /// <summary>Fraction of the shuffled examples that form the training split (the rest are the test split).</summary>
    public double TrainFraction { get; init; } = 0.8;

    /// <summary>Fewest zeros appended after the template before dilation.</summary>
    public int PaddingMin { get; init; } = 36;

    /// <summary>Most zeros appended; template length + this is the length the padded signal is dilated to.</summary>
    public int PaddingMax { get; init; } = 60;

    /// <summary>Amplitude scale factor is drawn uniformly from 1 ± this / 2.</summary>
    public double ScaleCoefficient { get; init; } = 0.4;

    /// <summary>Circular shifts are drawn uniformly from 0 … this − 1 points (of the dilated signal).</summary>
    public int MaxTranslation { get; init; } = 48;

    /// <summary>Standard deviation of the white noise that, once smoothed, fills the padding.</summary>
    public double CorrelatedNoiseScale { get; init; } = 0.25;

    /// <summary>Width σ (in points) of the Gaussian filter that smooths the padding noise (truncated at 4σ, edges reflected).</summary>
    public double CorrelatedNoiseSigma { get; init; } = 2;

    /// <summary>Standard deviation of the independent noise added to every point.</summary>
    public double IidNoiseScale { get; init; } = 2e-2;

    /// <summary>A linear ramp of slope drawn uniformly from ± this / 2 is subtracted (shear).</summary>
    public double ShearScale { get; init; } = 0.75;

    /// <summary>Points in each final sequence.</summary>
    public int FinalLength { get; init; } = 40;

    /// <summary>Permute the positions (one permutation for the whole dataset), removing spatial structure: the paper's "shuffle" row.</summary>
    public bool ShuffleSequence { get; init; }

    /// <summary>Throws a <see cref="TheoryLabException"/> naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (Samples < 10) throw Invalid($"Samples is {Samples}; at least 10 (one per digit) are needed");
        if (TrainFraction is <= 0 or >= 1) throw Invalid($"TrainFraction is {TrainFraction}; it must lie strictly between 0 and 1");
        if (PaddingMin < 0 || PaddingMax < PaddingMin) throw Invalid($"padding is [{PaddingMin}, {PaddingMax}]; it needs 0 ≤ PaddingMin ≤ PaddingMax");
        if (ScaleCoefficient is < 0 or >= 2) throw Invalid($"ScaleCoefficient is {ScaleCoefficient}; it must lie in [0, 2) so the scale stays positive");
        if (MaxTranslation < 1) throw Invalid($"MaxTranslation is {MaxTranslation}; it must be at least 1 (1 means no shift)");
        if (CorrelatedNoiseScale < 0 || IidNoiseScale < 0 || ShearScale < 0) throw Invalid("noise and shear scales must be non-negative");
        if (CorrelatedNoiseSigma <= 0) throw Invalid($"CorrelatedNoiseSigma is {CorrelatedNoiseSigma}; it must be positive");
        if (FinalLength < 2) throw Invalid($"FinalLength is {FinalLength}; it must be at least 2");
    }

    private static TheoryLabException Invalid(string what) => new($"MNIST-1D generator: {what}.");
}

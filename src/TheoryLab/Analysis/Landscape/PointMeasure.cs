namespace TheoryLab.Analysis.Landscape;

/// <summary>The loss at one point of weight space and, for classifiers, the accuracy there.</summary>
/// <param name="Loss">The mean loss over the evaluation data.</param>
/// <param name="Accuracy">Fraction of examples classified correctly, or null when the probe measures a loss alone.</param>
public readonly record struct PointMeasure(double Loss, double? Accuracy);

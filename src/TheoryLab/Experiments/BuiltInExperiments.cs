namespace TheoryLab.Experiments;

/// <summary>The table of built-in experiments. Adding an experiment is adding its file and one line here.</summary>
internal static class BuiltInExperiments
{
    public static IEnumerable<IExperiment> All() =>
    [
        new Architecture.LeNet5(),
        new Expressivity.Sawtooth(),
        new Expressivity.YarotskySquare(),
        new Expressivity.IntrinsicDimension(),
        new Expressivity.Compositional(),
        new SignalPropagation.EdgeOfChaos(),
        new Optimization.MomentumConditioning(),
        new Optimization.SgdNoiseFloor(),
        new Optimization.AdaGradNormRobustness(),
    ];
}

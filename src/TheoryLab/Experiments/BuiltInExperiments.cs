using TheoryLab.Kernel;
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
        new SignalPropagation.TrainableDepth(),
        new SignalPropagation.GlorotInit(),
        new SignalPropagation.DynamicalIsometry(),
        new SignalPropagation.SparseInit(),
        new Optimization.MomentumConditioning(),
        new Optimization.SgdNoiseFloor(),
        new Optimization.BatchSizeSchedules(),
        new Optimization.AdaGradNormRobustness(),
        new Landscape.ModeConnectivity(),
        new Landscape.LossSurface(),
        new Landscape.HessianSpectrum(),
        new Landscape.BatchNormLandscape(),
        new Visualization.Scattering(),
        new Visualization.CnnFilters(),
        new Visualization.Transfer(),
        new Visualization.AttentionSinks(),
        new Adversarial.FgsmLinear(),
        new Adversarial.Universal(),
        new Adversarial.Transferability(),
        new Adversarial.SparsityRobustness(),
        new Adversarial.Jailbreak(),
        new Adversarial.Spatial(),
        new Generative.LinearAutoencoder(),
        new Generative.Vae(),
        new Generative.Gan(),
        new Generative.Diffusion(),
        new Generative.GanDissection(),
        new Pinn.PinnBurgers(),
        new Pinn.PinnFailure(),
        new Pinn.PinnQuadrature(),
        new Pinn.PinnAdaptive(),
        new Pruning.LotteryTicket(),
        new Pruning.Lora(),
        new Pruning.StructuredSparsity(),
        new Pruning.SparseApproximation(),
    ];
}

using TheoryLab.Data;
using TheoryLab.Options;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>
/// How the networks of a comparison of initialisations are trained (<see cref="InitialisationTraining"/>): the options
/// sparse-init and jacobian-spectrum share, declared once; each sets its own defaults where it holds the group.
/// </summary>
public sealed record InitialisationTrainingOptions
{
    [Option("dataset of the training runs", ChoicesFrom = typeof(BenchmarkDatasets))]
    public string Dataset { get; init; } = "mnist1d";

    [Option("SGD steps of each training run", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int TrainingSteps { get; init; } = 1000;

    [Option("examples per SGD step", Min = 1, Max = 65_536)]
    public int BatchSize { get; init; } = 100;

    [Option("SGD learning rate η, the same for every network compared", Min = 1e-6, Max = 10, Unit = "η")]
    public double LearningRate { get; init; } = 0.01;

    [Option("heavy-ball momentum μ", Min = 0, Max = 0.999, Unit = "μ")]
    public double Momentum { get; init; } = 0.9;

    [Option("evaluations of each training curve (on the first 1,000 training examples), evenly spaced", Min = 1, Max = 10_000)]
    public int Evaluations { get; init; } = 20;
}

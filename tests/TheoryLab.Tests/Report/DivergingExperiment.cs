using TheoryLab.Data;
using TheoryLab.Kernel;

namespace TheoryLab.Tests.Report;

/// <summary>
/// An experiment whose training diverged, with what the gallery must typeset: a long finding name beside its value,
/// scripts in its summary (q^{l−1}) and a BibTeX key inside a finding's expected source.
/// </summary>
public sealed class DivergingExperiment : Experiment<LengthMapOptions>
{
    public override string Id => "diverging";
    public override string Title => "A training that diverged";
    public override Topic Topic => Topic.Architecture;
    public override IReadOnlyList<string> Papers => ["glorot2010understanding"];
    public override string Summary => "The length q^{l−1} of the previous layer sets the next one.";
    public override LengthMapOptions Quick => new();
    public override void PrepareData(LengthMapOptions options, DataStore store) { }

    public override ExperimentResult Run(LengthMapOptions options, RunContext context) => new ExperimentResult()
        .Add(new Finding("mean_effective_smoothness_plain", 15.37, "1", "Mean effective smoothness of the plain network."))
        .Add(new Finding("activation_variance_ratio", 0.19, "1", "Variance of the last layer over the first.", 1, "theory: glorot2010understanding eq. 5 (linear regime)"))
        .Add(Finding.Diverged("train_loss", "nats", "Mean cross-entropy on the training set after training."));
}

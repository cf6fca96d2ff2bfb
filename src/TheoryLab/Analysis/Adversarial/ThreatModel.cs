using System.Globalization;
using TheoryLab.Text;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// What a budgeted attack may do: perturbations of norm at most ε in pixel space within <see cref="Space"/>, found by
/// <see cref="Steps"/> signed (ℓ∞) or normalised (ℓ2) gradient steps of <see cref="StepSize"/>, from the clean input or
/// a uniform random point of the ball, best of <see cref="Restarts"/> starts. FGSM is one step of size ε from the clean
/// input; Madry et al.'s MNIST PGD is 40 steps of 0.01 from a random start at ε = 0.3.
/// </summary>
/// <param name="Norm">The norm bounding the perturbation.</param>
/// <param name="Epsilon">The budget ε, in pixel units.</param>
public sealed record ThreatModel(PerturbationNorm Norm, double Epsilon)
{
    public InputSpace Space { get; init; } = InputSpace.UnitPixels;

    /// <summary>Start each restart from a uniform random point of the ε-ball instead of the clean input.</summary>
    public bool RandomStart { get; init; }

    /// <summary>Starts tried; each example keeps the worst point any of them reached.</summary>
    public int Restarts { get; init; } = 1;

    public int Steps { get; init; } = 1;

    /// <summary>The length of each step in the threat's norm; NaN (the default) means ε, FGSM's step.</summary>
    public double StepSize { get; init; } = double.NaN;

    /// <summary>The step length in force: <see cref="StepSize"/>, or ε when none was given.</summary>
    public double Step => double.IsNaN(StepSize) ? Epsilon : StepSize;

    /// <summary>FGSM's threat: one step of ε from the clean input.</summary>
    public static ThreatModel Fgsm(double epsilon, PerturbationNorm norm = PerturbationNorm.Linf, InputSpace? space = null) =>
        new(norm, epsilon) { Space = space ?? InputSpace.UnitPixels };

    /// <summary>Throws a one-line message naming the option to change when the threat cannot be carried out.</summary>
    public void Validate()
    {
        Space.Validate();
        if (!(Epsilon >= 0) || !double.IsFinite(Epsilon)) throw new TheoryLabException($"the budget ε = {Epsilon} must be finite and at least 0.");
        if (Steps < 1) throw new TheoryLabException($"an attack takes at least one step, not {Steps}.");
        if (Restarts < 1) throw new TheoryLabException($"an attack makes at least one start, not {Restarts}.");
        if (!(Step >= 0) || !double.IsFinite(Step)) throw new TheoryLabException($"the step size {Step} must be finite and at least 0.");
    }

    /// <summary>The threat in words, for a finding's meaning.</summary>
    public string Describe()
    {
        string norm = Norm == PerturbationNorm.Linf ? "ℓ∞" : "ℓ2";
        string steps = Steps == 1 && Step == Epsilon && !RandomStart
            ? "one step of ε"
            : $"{Steps.ToString(CultureInfo.InvariantCulture)} steps of {NumberText.Short(Step, 3)}";
        string start = RandomStart ? "a random start in the ball" : "the clean input as start";
        string restarts = Restarts == 1 ? "" : $", worst of {Restarts.ToString(CultureInfo.InvariantCulture)} starts";
        return $"{norm} ε = {NumberText.Short(Epsilon, 3)}, {steps} from {start}{restarts}, {Space.Describe()}";
    }
}

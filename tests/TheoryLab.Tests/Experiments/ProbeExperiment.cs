using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Options;
using TheoryLab.Tables;

namespace TheoryLab.Tests.Experiments;

public enum ProbeShape
{
    Square,
    HalfSquare,
}

/// <summary>Options of the probe: one of each option type the binder supports.</summary>
public sealed record ProbeOptions
{
    [Option("Number of points.", Min = 2, Max = 1000)]
    public int Points { get; init; } = 50;

    [Option("Slope of the curve.", Min = 0, Max = 10)]
    public double SigmaW2 { get; init; } = 1.5;

    [Option("Curve shape.")]
    public ProbeShape Shape { get; init; } = ProbeShape.Square;

    [Option("Activation.", Choices = ["tanh", "relu"])]
    public string Activation { get; init; } = "tanh";

    [Option("Widths.", Min = 1)]
    public int[] Widths { get; init; } = [10, 20];

    [Option("Fail after computing, to exercise failure handling.")]
    public bool Fail { get; init; }
}

/// <summary>
/// A tiny experiment whose result is known exactly, so the framework (binding, runs, files, CLI) is
/// tested without depending on any real experiment's numerics.
/// </summary>
public sealed class ProbeExperiment : Experiment<ProbeOptions>
{
    public override string Id => "probe";
    public override string Title => "Probe of the experiment framework";
    public override Topic Topic => Topic.Architecture;
    public override IReadOnlyList<string> Papers => ["lecun1998gradient"];
    public override string Summary => "y = σ_w² x² on [0, 1], sampled at evenly spaced points.";
    public override ProbeOptions Quick => Defaults with { Points = 5 };

    protected override IEnumerable<string> Inconsistencies(ProbeOptions o)
    {
        if (o.Widths.Length > o.Points) yield return "give at most as many widths as points.";
    }

    public override ExperimentResult Run(ProbeOptions o, RunContext context)
    {
        var xs = Enumerable.Range(0, o.Points).Select(i => i / (o.Points - 1.0)).ToArray();
        double factor = o.Shape == ProbeShape.Square ? 1 : 0.5;
        var ys = new double[xs.Length];
        using (var task = context.Progress.Start("probing", o.Points))
        {
            for (int i = 0; i < xs.Length; i++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                ys[i] = factor * o.SigmaW2 * xs[i] * xs[i];
                task.Advance();
            }
        }
        if (o.Fail) throw new InvalidOperationException("probe failed on purpose");
        double noise = context.Random("noise").NextDouble();
        return new ExperimentResult()
            .Add(new Finding("end_value", ys[^1], "1", "y at x = 1.", factor * o.SigmaW2, "theory: σ_w²"))
            .Add(new Finding("noise", noise, "1", "A seeded random draw."))
            .Add(new Table("curve").Add("x", xs).Add("y", ys))
            .Add(new Figure("curve", "The probe's curve.", new Axis("x"), new Axis("y = σ_w² x²"), [new Line("curve", "x", "y", "theory"), new Markers("curve", "x", "y", "samples")]));
    }
}

using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Options;

namespace TheoryLab.Tests.Experiments;

public sealed record DataProbeOptions
{
    [Option("Dataset to read, by the name Datasets.Load knows it.")]
    public string Dataset { get; init; } = "mnist1d";

    [Option("Hours the cost estimate claims.", Min = 0)]
    public double Hours { get; init; }
}

/// <summary>Reads a dataset and counts its runs and cost estimates, so tests can tell whether either started at all.</summary>
public sealed class DataProbeExperiment : Experiment<DataProbeOptions>
{
    public override string Id => "data-probe";
    public override string Title => "Probe of data preparation";
    public override Topic Topic => Topic.Architecture;
    public override IReadOnlyList<string> Papers => ["lecun1998gradient"];
    public override string Summary => "Counts the training examples of a dataset.";
    public override DataProbeOptions Quick => Defaults;

    /// <summary>How many times <see cref="Run"/> has started.</summary>
    public int Runs { get; private set; }

    /// <summary>How many times its cost has been estimated (real estimates may time a few steps).</summary>
    public int Estimates { get; private set; }

    public override CostEstimate EstimateCost(DataProbeOptions o)
    {
        Estimates++;
        return new(1, "dataset read", TimeSpan.FromHours(o.Hours));
    }

    public override ExperimentResult Run(DataProbeOptions o, RunContext context)
    {
        Runs++;
        var data = Datasets.Load(o.Dataset, context.Data, context.Seed);
        return new ExperimentResult().Add(new Finding("examples", data.Train.Count, "1", "Training examples."));
    }

    /// <summary>Writes the published MNIST-1D CSV files, two sequences of three points per split, into <paramref name="directory"/>.</summary>
    public static void WritePublishedMnist1D(string directory, string firstTrainRow = "0.1,0.2,0.3")
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "train_x.csv"), $"{firstTrainRow}\n0.4,0.5,0.6\n");
        File.WriteAllText(Path.Combine(directory, "train_y.csv"), "1\n2\n");
        File.WriteAllText(Path.Combine(directory, "test_x.csv"), "0.1,0.2,0.3\n0.4,0.5,0.6\n");
        File.WriteAllText(Path.Combine(directory, "test_y.csv"), "3\n4\n");
    }
}

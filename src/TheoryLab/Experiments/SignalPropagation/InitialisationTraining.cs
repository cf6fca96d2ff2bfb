using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Torch;
using TheoryLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.SignalPropagation;

/// <summary>A training curve of a network trained from one initialisation: training-set loss and accuracy at evaluation steps.</summary>
/// <param name="Steps">The steps at which the network was evaluated (0 is the initialisation).</param>
/// <param name="Loss">Mean cross-entropy on the evaluation subset of the training set.</param>
/// <param name="Accuracy">Fraction of that subset classified correctly.</param>
public sealed record TrainingCurve(long[] Steps, double[] Loss, double[] Accuracy)
{
    /// <summary>The first evaluated step at which the accuracy reached <paramref name="threshold"/>; NaN when it never did.</summary>
    public double StepsToAccuracy(double threshold)
    {
        for (int i = 0; i < Steps.Length; i++)
            if (Accuracy[i] >= threshold) return Steps[i];
        return double.NaN;
    }
}

/// <summary>
/// Trains networks drawn from an <see cref="MlpSpec"/> (with a readout to the classes) on a classification set with
/// SGD through <see cref="Trainer"/>, in float32 on one thread, and records their training curves: how fast an
/// initialisation lets a deep network start learning.
/// </summary>
public sealed class InitialisationTraining : IDisposable
{
    /// <summary>Training examples the curve is evaluated on (the first ones of the set).</summary>
    public const int EvaluationExamples = 1000;

    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly TensorBatches _evaluation;

    /// <summary>Loads <paramref name="dataset"/> and standardises its training inputs (one mean and one standard deviation).</summary>
    public InitialisationTraining(string dataset, RunContext context)
    {
        TorchRuntime.EnsureLoaded();
        var data = Datasets.Load(dataset, context.Data, context.Seed).Train;
        Classes = data.Classes;
        InputDimension = data.ExampleSize;
        Name = dataset;
        // Owned by this object for its lifetime, outside any caller's dispose scope.
        var (inputs, labels) = data.Standardised(data);
        _inputs = inputs.reshape(data.Count, InputDimension).DetachFromDisposeScope();
        _labels = labels.DetachFromDisposeScope();
        Count = data.Count;
        _evaluation = new TensorBatches(_inputs, _labels, 1000, shuffle: false);
    }

    public string Name { get; }
    public int Classes { get; }
    public int InputDimension { get; }
    public int Count { get; }

    /// <summary>
    /// Draws a network from <paramref name="spec"/> (input layer, spec.Depth hidden layers, readout) with
    /// <paramref name="generator"/>, trains it, and returns its curve.
    /// </summary>
    public TrainingCurve Train(MlpSpec spec, InitialisationTrainingOptions settings, Generator generator, int seed, IProgressTask? progress, CancellationToken cancellation)
    {
        using var threads = IntraOpThreads.Use(1);
        using var scope = NewDisposeScope();
        using var model = spec.Build(InputDimension, generator, Classes);
        model.to(ScalarType.Float32);
        long examples = Math.Min(EvaluationExamples, Count);
        var evaluation = examples == Count ? _evaluation : new TensorBatches(_inputs.narrow(0, 0, examples), _labels.narrow(0, 0, examples), 1000, shuffle: false);
        var batches = new TensorBatches(_inputs, _labels, settings.BatchSize, shuffle: true, seed);
        var steps = new List<long>();
        var loss = new List<double>();
        var accuracy = new List<double>();
        TrainingCallback evaluate = moment =>
        {
            var metrics = Classification.Evaluate(model, evaluation);
            steps.Add(moment.Step);
            loss.Add(metrics.Loss);
            accuracy.Add(metrics.Accuracy);
        };
        List<TrainingCallback> callbacks = [TrainingCallbacks.At(TrainingCallbacks.EvenlySpaced(settings.TrainingSteps, settings.Evaluations), evaluate)];
        if (progress is not null) callbacks.Add(TrainingCallbacks.Progress(progress));
        Trainer.Train(new Problem(model, batches, Classification.CrossEntropy), new SgdSettings(settings.LearningRate, settings.Momentum), settings.TrainingSteps, callbacks, cancellation);
        return new TrainingCurve([.. steps], [.. loss], [.. accuracy]);
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _labels.Dispose();
    }
}

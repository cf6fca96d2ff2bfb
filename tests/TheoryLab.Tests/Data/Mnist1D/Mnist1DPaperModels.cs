using TheoryLab.Data;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TheoryLab.Tests.Data.Mnist1D;

/// <summary>
/// The three baselines of Greydanus (2020, Table 1) as his mnist1d repository defines them (notebooks/models.py)
/// and trains them (notebooks/train.py with total_steps = 6000): Adam, learning rate 1e-2, no weight decay,
/// batches of 100 taken in stored order, test accuracy after the last step.
/// </summary>
public static class Mnist1DPaperModels
{
    public const int Steps = 6000;
    public const int BatchSize = 100;
    public const double LearningRate = 1e-2;

    /// <summary>Logistic regression: one linear layer, 40 → 10 (410 parameters).</summary>
    public static Module<Tensor, Tensor> Logistic() => Linear(40, 10);

    /// <summary>The MLP: 40 → 100 → 100 (with a skip around the second layer) → 10, ReLU (15,210 parameters).</summary>
    public static Module<Tensor, Tensor> Mlp() => new ResidualMlp();

    /// <summary>The CNN: three 1-D convolutions of 25 channels (kernel 5 stride 2, then kernel 3 stride 2 twice, padding 1), ReLU, then linear 125 → 10 (5,210 parameters).</summary>
    public static Module<Tensor, Tensor> Cnn() => Sequential(
        ("unflatten", Unflatten(1, [1, 40])),
        ("conv1", Conv1d(1, 25, 5, stride: 2, padding: 1)), ("relu1", ReLU()),
        ("conv2", Conv1d(25, 25, 3, stride: 2, padding: 1)), ("relu2", ReLU()),
        ("conv3", Conv1d(25, 25, 3, stride: 2, padding: 1)), ("relu3", ReLU()),
        ("flatten", Flatten()),
        ("linear", Linear(125, 10)));

    /// <summary>Trains <paramref name="model"/> on <paramref name="data"/>'s training split and returns its test accuracy in percent.</summary>
    public static double TrainAndTest(Module<Tensor, Tensor> model, TrainTest data)
    {
        using var scope = NewDisposeScope();
        var (inputs, labels) = data.Train.ToTensors();
        using var adam = new Adam(LearningRate);
        Trainer.Train(new Problem(model, new TensorBatches(inputs, labels, BatchSize, shuffle: false), Classification.CrossEntropy), adam, Steps, []);
        var (testInputs, testLabels) = data.Test.ToTensors();
        return 100 * Classification.Evaluate(model, new TensorBatches(testInputs, testLabels, 1000, shuffle: false)).Accuracy;
    }

    public static long Parameters(Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    private sealed class ResidualMlp : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> _linear1 = Linear(40, 100);
        private readonly Module<Tensor, Tensor> _linear2 = Linear(100, 100);
        private readonly Module<Tensor, Tensor> _linear3 = Linear(100, 10);

        public ResidualMlp() : base("ResidualMlp") => RegisterComponents();

        public override Tensor forward(Tensor x)
        {
            var h = functional.relu(_linear1.call(x));
            h = h.Plus(functional.relu(_linear2.call(h)));
            return _linear3.call(h);
        }
    }
}

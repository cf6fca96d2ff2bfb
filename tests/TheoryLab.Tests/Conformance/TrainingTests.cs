using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Adversarial;
using TheoryLab.Experiments.Visualization;
using TheoryLab.Kernel;

namespace TheoryLab.Tests.Conformance;

/// <summary>
/// Every experiment that trains a classifier learns something in its quick run: its losses are numbers and its
/// accuracies beat guessing, the failure that a broken kernel or a silent NaN produces (issue 16).
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class TrainingTests(QuickRuns quick)
{
    /// <summary>
    /// The experiments that report a classifier's accuracy (or error rate), the option naming the data it is trained on
    /// (several joined by '+'), the findings that state an accuracy of a training that is meant to learn, and the
    /// number of tasks the data's classes are split into (transfer's A and B: each task holds half the classes and
    /// about half the test examples).
    /// </summary>
    public static TheoryData<string, string, string[], string[], int> Classifiers => new()
    {
        { "lenet5", "dataset", ["test_accuracy", "train_accuracy"], [], 1 },
        { "batch-size", "dataset", ["test_accuracy_decaying_step", "test_accuracy_growing_batch", "test_accuracy_hybrid"], [], 1 },
        { "loss-surface", "dataset", ["test_accuracy_resnet_14", "test_accuracy_resnet_14_noshort"], [], 1 },
        { "sparse-init", "dataset", ["train_accuracy_gaussian", "train_accuracy_sparsest", "train_accuracy_lowest_rank"], [], 1 },
        { "trainable-depth", "dataset", ["best_train_accuracy", "best_test_accuracy"], [], 1 },
        { "glorot-init", "datasets", [], ["test_error_mnist1d_tanh_standard", "test_error_mnist1d_tanh_normalised", "test_error_mnist1d_softsign_standard", "test_error_mnist1d_softsign_normalised"], 1 },
        { "gan", "dataset", ["classifier_accuracy"], [], 1 },
        { "transfer", "dataset", ["base_a_accuracy", "base_b_accuracy"], [], 2 },
        // Its attacked errors measure the attack, not the classifier: only the clean ones are judged against chance.
        { "fgsm-linear", "dataset", ["clean_accuracy_lenet"], ["clean_error_softmax", "clean_error_perceptron", "clean_error_perceptron_adversarially_trained"], 1 },
        // Their accuracies under attack measure the attack; only the clean ones are judged against chance.
        { "universal", "dataset", ["clean_accuracy"], [], 1 },
        { "transferability", "dataset", ["clean_accuracy_softmax", "clean_accuracy_perceptron", "clean_accuracy_lenet", "clean_accuracy_resnet"], [], 1 },
        // Its accuracies under attack measure the attacks; the clean ones, with and without the front end, are judged against chance.
        // Their accuracies under rotations and translations measure the attacks; only the natural ones are judged against chance.
        { "spatial", "dataset", ["natural_accuracy_standard", "natural_accuracy_augmented", "natural_accuracy_adversarial"], [], 1 },
        { "sparsity-robustness", "dataset", ["clean_accuracy_linear", "clean_accuracy_linear_front_end", "clean_accuracy_perceptron", "clean_accuracy_perceptron_front_end"], [], 1 },
        // The oriented textures are generated inside the run, not a set Datasets loads; their accuracies are left out here.
        { "cnn-filters", "image_dataset+sequence_dataset", ["test_accuracy_mnist_t10k_2conv", "test_accuracy_mnist_t10k_4conv", "test_accuracy_mnist1d_published_2conv", "test_accuracy_mnist1d_published_4conv"], [], 1 },
        { "lottery-ticket", "dataset", ["dense_accuracy"], [], 1 },
        { "lora", "dataset", ["pretrain_accuracy", "scratch_accuracy", "head_only_accuracy", "full_finetune_accuracy"], [], 2 },
        { "structured-sparsity", "dataset", ["dense_accuracy", "dense_fine_tuned_accuracy", "unstructured_50_accuracy", "n_of_m_50_accuracy", "neurons_50_accuracy", "low_rank_50_accuracy"], [], 1 },
    };

    [Theory]
    [MemberData(nameof(Classifiers))]
    public void QuickRun_HasFiniteLosses_AndAccuraciesFiveStandardErrorsAboveChance(string id, string datasetOption, string[] accuracies, string[] errorRates, int tasks)
    {
        var run = quick[id];
        var values = run.Experiment.Schema.Values(run.Experiment.QuickOptions);
        var data = datasetOption.Split('+').SelectMany(option => values[option].Split(','))
            .Select(name => Datasets.Load(name, QuickRuns.Data, RunContext.Default.Seed)).ToList();
        // A classifier that guesses scores 1/classes of its task, give or take its binomial spread over the task's test examples.
        double chance = data.Max(d => (double)tasks / d.Test.Classes);
        int examples = data.Min(d => d.Test.Count) / tasks;
        double bar = chance + 5 * Math.Sqrt(chance * (1 - chance) / examples);

        var losses = run.Result.Findings.Where(f => f.Name.Contains("loss", StringComparison.Ordinal)).ToList();
        Assert.All(losses, f => Assert.True(f.Outcome == FindingOutcome.Measured, $"{f.Name}: {f.WhyNoValue}"));
        var scores = accuracies.Select(name => (name, run.Result.Finding(name).Value))
            .Concat(errorRates.Select(name => (name, 1 - run.Result.Finding(name).Value))).ToList();
        var atChance = scores.Where(s => !(s.Item2 > bar)).Select(s => $"{s.name}: accuracy {s.Item2:F3}").ToList();
        Assert.True(atChance.Count == 0, $"no better than chance {chance:F3} (bar {bar:F3}): {string.Join("; ", atChance)}");
    }

    /// <summary>
    /// attention-sinks' accuracies are of tasks generated inside the run, not of a dataset: the answer of the counting
    /// task (one of its run lengths) and the copy after a trigger of Bigram-Backcopy (one of its tokens).
    /// </summary>
    [Fact]
    public void AttentionSinksQuickRun_AnswersAndCopiesFiveStandardErrorsAboveChance()
    {
        var run = quick["attention-sinks"];
        var o = (AttentionSinksOptions)run.Experiment.QuickOptions;
        // At least o.EvaluationWindows answers are judged, and far more trigger positions; fewer judged answers make the bar higher.
        static double Bar(double chance, int judged) => chance + 5 * Math.Sqrt(chance * (1 - chance) / judged);
        double answer = run.Result.Finding("answer_accuracy_task").Value, copy = run.Result.Finding("copy_accuracy_bigram").Value;
        double answerBar = Bar(1.0 / (o.TaskRuns[1] - o.TaskRuns[0] + 1), o.EvaluationWindows), copyBar = Bar(1.0 / o.BigramTokens, o.EvaluationWindows);
        Assert.True(answer > answerBar, $"answer accuracy {answer:F3} not above the bar {answerBar:F3}");
        Assert.True(copy > copyBar, $"copy accuracy {copy:F3} not above the bar {copyBar:F3}");
    }

    /// <summary>
    /// jailbreak's accuracy is of answers to prompts of a language generated inside the run: copying a prompt's first
    /// words, where guessing each among the ordinary words scores 1/W^L; and the aligned model must tell forbidden from
    /// benign prompts, refusing the first far more often than the second (by five standard errors of two rates of ½).
    /// </summary>
    [Fact]
    public void JailbreakQuickRun_AnswersAboveChance_AndRefusesForbiddenPromptsFarMoreThanBenignOnes()
    {
        var run = quick["jailbreak"];
        var o = (JailbreakOptions)run.Experiment.QuickOptions;
        double chance = Math.Pow(1.0 / o.OrdinaryWords, o.AnswerLength);
        double answerBar = chance + 5 * Math.Sqrt(chance * (1 - chance) / o.HeldOutPrompts);
        double answer = run.Result.Finding("answer_accuracy").Value;
        Assert.True(answer > answerBar, $"answer accuracy {answer:F3} not above the bar {answerBar:F3}");
        double gap = run.Result.Finding("refusal_rate").Value - run.Result.Finding("false_refusal_rate").Value;
        double gapBar = 5 * Math.Sqrt(2 * 0.25 / o.HeldOutPrompts);
        Assert.True(gap > gapBar, $"refusal rate exceeds the benign prompts' by {gap:F3}, not above {gapBar:F3}");
    }

    /// <summary>The experiments whose trainings fit a function rather than classify, and report their least loss fall.</summary>
    private static readonly string[] RegressionIds = ["pinn-burgers", "pinn-failure", "pinn-quadrature", "pinn-adaptive"];

    public static TheoryData<string> Regressions => new(RegressionIds);

    /// <summary>
    /// A PINN's quick run is too short to approach its solution (its relative errors stay near an untrained network's),
    /// but every one of its trainings must still lower its loss by half as much again: a broken gradient or kernel stalls
    /// L-BFGS's line search at a fall of about 1.
    /// </summary>
    [Theory]
    [MemberData(nameof(Regressions))]
    public void QuickRun_LowersEveryTrainingsLossByAtLeastOneAndAHalfTimes(string id)
    {
        var fall = quick[id].Result.Finding("least_loss_fall");
        Assert.True(fall.Value >= 1.5, $"{id}: a training lowered its loss only {fall.Value:F3}-fold: {fall.Meaning}");
    }

    [Fact]
    public void EveryExperimentReportingALossFall_IsChecked()
    {
        var reporting = ExperimentRegistry.Default.All.Where(e => quick[e.Id].Result.Findings.Any(f => f.Name == "least_loss_fall")).Select(e => e.Id);
        Assert.Equal(RegressionIds.Order(), reporting.Order());
    }

    [Fact]
    public void EveryExperimentReportingAnAccuracy_IsCheckedAgainstChance()
    {
        var checkedIds = Classifiers.Select(row => (string)row[0]).Append("attention-sinks").Append("jailbreak").ToHashSet();
        var reporting = ExperimentRegistry.Default.All.Where(e => quick[e.Id].Result.Findings
            .Any(f => f.Name.Contains("accuracy", StringComparison.Ordinal) || f.Name.StartsWith("test_error", StringComparison.Ordinal)))
            .Select(e => e.Id);
        Assert.Equal(checkedIds.Order(), reporting.Order());
    }
}

using TheoryLab.Analysis.Adversarial;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="Transferability"/> shows its <see cref="Measurement"/>: each network's clean accuracy, the white-box
/// and transferred success of FGSM and PGD, LeNet-5 under white-box PGD against the issue's bar, and the two matrices.
/// </summary>
public sealed partial class Transferability
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Source = new("source");
        public static readonly Column Target = new("target");
        public static readonly Column Success = new("success");
        public static readonly Column TargetAccuracy = new("target_accuracy");
        public static readonly Column Correct = new("target_correct");
        public static readonly Column Fooled = new("fooled");
    }

    /// <summary>Short names of the four architectures, for findings ("lenet") and captions.</summary>
    private static readonly string[] Slugs = ["softmax", "perceptron", "lenet", "resnet"];

    private const int LenetIndex = 2;

    private static ExperimentResult Present(TransferabilityOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        string training = $"trained by Adam (η = {NumberText.Short(o.LearningRate, 3)}) for {NumberText.Count(o.Epochs, "epoch")} of batches of {o.BatchSize} on the {m.TrainCount:N0} training images of {m.Dataset}";
        for (int k = 0; k < m.Networks.Length; k++)
            result.Add(new Finding($"clean_accuracy_{Slugs[k]}", m.Networks[k].CleanAccuracy, "1",
                $"Held-out accuracy of {m.Networks[k].Name} ({m.Networks[k].Parameters:N0} parameters), {training}, on the {m.TestCount:N0} clean held-out images."));
        foreach (var (matrix, threat) in new[] { (m.Fgsm, ThreatModel.Fgsm(o.Epsilon)), (m.Pgd, Pgd(o, InputSpace.UnitPixels)) })
        {
            AddSummary(m, matrix, threat, result);
            AddMatrix(m, matrix, threat, result);
        }
        result.Add(new Finding("pgd_accuracy_lenet", m.Pgd.Accuracy[LenetIndex, LenetIndex], "1",
            $"Held-out accuracy of the LeNet-5 under white-box PGD ({Pgd(o, InputSpace.UnitPixels).Describe()}, Madry et al.'s MNIST attack: madry2018towards) on the first {m.Images:N0} held-out images. " +
            "The course's issue asks that it fall below 5 % for a standard, not adversarially trained, network."));
        return result;
    }

    /// <summary>Mean of the diagonal (white-box) or of the off-diagonal (transferred) success rates.</summary>
    private static double Mean(Matrix matrix, bool diagonal)
    {
        int n = matrix.Success.GetLength(0);
        var rates = from s in Enumerable.Range(0, n) from t in Enumerable.Range(0, n) where (s == t) == diagonal select matrix.Success[s, t].Rate;
        return rates.Average();
    }

    private static void AddSummary(Measurement m, Matrix matrix, ThreatModel threat, ExperimentResult result)
    {
        string slug = matrix.Attack.ToLowerInvariant();
        string setting = $"{matrix.Attack} ({threat.Describe()}) crafted on each of the four networks on the first {m.Images:N0} held-out images; success on a target is the share of the images it classifies correctly when clean that it misclassifies at the source's adversarial example (Liu et al.'s non-targeted transfer)";
        double white = Mean(matrix, diagonal: true), transferred = Mean(matrix, diagonal: false);
        if (double.IsNaN(white) || double.IsNaN(transferred))
        {
            result.Add(Finding.NotReached($"transfer_ratio_{slug}", "1", $"A target classified no attacked image correctly, {setting}."));
            return;
        }
        result.Add(new Finding($"white_box_success_{slug}", white, "1", $"Mean over the four networks of the white-box success (the matrix's diagonal), {setting}."));
        result.Add(new Finding($"transfer_success_{slug}", transferred, "1",
            $"Mean over the twelve source ≠ target pairs of the transferred success, {setting}. Liu et al. find that non-targeted adversarial examples transfer well between ImageNet architectures and targeted ones hardly at all (liu2017delving); on MNIST with these four networks the number is measured, not assumed."));
        result.Add(new Finding($"transfer_ratio_{slug}", transferred / white, "1",
            $"The transferred success over the white-box success (the two means above), {setting}: how much of the attack's strength survives a change of architecture."));
    }

    private static void AddMatrix(Measurement m, Matrix matrix, ThreatModel threat, ExperimentResult result)
    {
        int n = m.Networks.Length;
        var cells = (from s in Enumerable.Range(0, n) from t in Enumerable.Range(0, n) select (s, t)).ToArray();
        string slug = matrix.Attack.ToLowerInvariant();
        var table = new Table($"success-{slug}").Add(Columns.Source, cells.Select(c => (double)c.s)).Add(Columns.Target, cells.Select(c => (double)c.t))
            .Add(Columns.Success, cells.Select(c => matrix.Success[c.s, c.t].Rate)).Add(Columns.TargetAccuracy, cells.Select(c => matrix.Accuracy[c.s, c.t]))
            .Add(Columns.Correct, cells.Select(c => (double)matrix.Success[c.s, c.t].Correct)).Add(Columns.Fooled, cells.Select(c => (double)matrix.Success[c.s, c.t].Fooled));
        result.Add(table);
        string order = string.Join(", ", m.Networks.Select((net, k) => $"{k} {net.Name}"));
        string values = string.Join("; ", Enumerable.Range(0, n).Select(s =>
            $"from {s}: {string.Join(" ", Enumerable.Range(0, n).Select(t => NumberText.Short(matrix.Success[s, t].Rate, 2)))}"));
        result.Add(new Figure($"success-{slug}",
            $"Success of {matrix.Attack} ({threat.Describe()}) crafted on a source network (x) against a target (y) on {m.Dataset}: the share of the target's correct held-out images it misclassifies; " +
            $"the diagonal is the white-box attack. Networks: {order}. Values by source, targets 0–{n - 1}: {values}.",
            Axis.Index("source network"), Axis.Index("target network"), [new Heatmap(table.Name, Columns.Source, Columns.Target, Columns.Success, "success")], FigureWidth.Half)
        { Aspect = 1 });
    }
}

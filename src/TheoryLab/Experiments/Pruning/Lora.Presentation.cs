using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Pruning;

/// <summary>
/// How <see cref="Lora"/> shows its <see cref="Measurement"/>: accuracy on B against trainable parameters for every way of
/// adapting, the spectra of the learned updates and their cumulative energy, and the findings read off them, naming
/// columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class Lora
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Rank = new("rank");
        public static readonly Column Seed = new("seed");
        public static readonly Column TrainableParameters = new("trainable_parameters");
        public static readonly Column TrainableFraction = new("trainable_fraction");
        public static readonly Column Accuracy = new("accuracy");
        public static readonly Column AccuracyStd = new("accuracy_std");
        public static readonly Column TruncatedAccuracy = new("truncated_update_accuracy");
        public static readonly Column OverlapWithFull = new("overlap_with_full_update");
        public static readonly Column RandomOverlap = new("random_overlap");
        public static readonly Column MergeDifference = new("merge_max_relative_difference");
        public static readonly Column AdaptedMultiplyAdds = new("adapted_multiply_adds");
        public static readonly Column MergedMultiplyAdds = new("merged_multiply_adds");
        public static readonly Column Variant = new("variant");
        public static readonly Column Index = new("index");

        /// <summary>σᵢ/σ₁ of the update of hidden layer <paramref name="layer"/> (1-based), mean over seeds.</summary>
        public static Column Normalised(int layer) => new($"layer{layer}_normalised_singular_value");

        /// <summary>Σ_{j≤i} σⱼ² / Σ σⱼ² of hidden layer <paramref name="layer"/>'s update, mean over seeds.</summary>
        public static Column Energy(int layer) => new($"layer{layer}_cumulative_energy");
    }

    /// <summary>The accuracy within which a rank counts as matching full fine-tuning.</summary>
    private const double Matching = 0.01;

    /// <summary>σᵢ/σ₁ below which a singular value of a float32 update counts as rounding.</summary>
    private const double NumericalZero = 1e-6;

    private const int FullColour = 0, HeadColour = 3, ScratchColour = 7, LoraColour = 1, TruncatedColour = 2;

    private static ExperimentResult Present(LoraOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        var (variants, ranks, perSeed) = AddAccuracyTables(o, m, result);
        var (fullSpectrum, loraSpectra) = AddSpectrumTables(m, result);
        AddFigures(o, m, variants, ranks, perSeed, fullSpectrum, loraSpectra, result);
        AddFindings(m, result);
        return result;
    }

    private static int HiddenLayers(Measurement m) => m.Widths.Length - 2;

    /// <summary>Weights and biases of the whole network: what full fine-tuning and training from scratch train.</summary>
    private static long AllParameters(Measurement m) => Enumerable.Range(1, m.Widths.Length - 1).Sum(l => (long)(m.Widths[l - 1] + 1) * m.Widths[l]);

    /// <summary>The new head's weights and biases, trained in every variant.</summary>
    private static long HeadParameters(Measurement m) => (long)(m.Widths[^2] + 1) * m.Widths[^1];

    /// <summary>r(in + out) per adapted layer, summed.</summary>
    private static long AdapterParameters(Measurement m, int rank) => Enumerable.Range(1, HiddenLayers(m)).Sum(l => (long)rank * (m.Widths[l - 1] + m.Widths[l]));

    private static long LoraParameters(Measurement m, int rank) => AdapterParameters(m, rank) + HeadParameters(m);

    /// <summary>Multiply–adds of one example through the merged network (or the original: the same shapes).</summary>
    private static long MergedMultiplyAdds(Measurement m) => Enumerable.Range(1, m.Widths.Length - 1).Sum(l => (long)m.Widths[l - 1] * m.Widths[l]);

    private static (Table Variants, Table Ranks, Table PerSeed) AddAccuracyTables(LoraOptions o, Measurement m, ExperimentResult result)
    {
        long all = AllParameters(m);
        var names = new List<string> { "scratch", "head only", "full fine-tuning" };
        var parameters = new List<double> { all, HeadParameters(m), all };
        var accuracy = new List<double[]> { m.Scratch, m.HeadOnly, m.FullFineTune };
        for (int k = 0; k < m.Ranks.Length; k++)
        {
            names.Add($"LoRA r = {m.Ranks[k]}");
            parameters.Add(LoraParameters(m, m.Ranks[k]));
            accuracy.Add(m.LoraAccuracy[k]);
        }
        var variants = new Table("variants")
            .AddText(Columns.Variant, names)
            .Add(Columns.TrainableParameters, parameters)
            .Add(Columns.TrainableFraction, parameters.Select(p => p / all))
            .Add(Columns.Accuracy, accuracy.Select(a => a.Average()))
            .Add(Columns.AccuracyStd, accuracy.Select(a => Spread.Of(a).StandardDeviation));
        result.Add(variants);

        var ranks = new Table("lora-ranks")
            .Add(Columns.Rank, m.Ranks.Select(r => (double)r))
            .Add(Columns.TrainableParameters, m.Ranks.Select(r => (double)LoraParameters(m, r)))
            .Add(Columns.Accuracy, m.LoraAccuracy.Select(a => a.Average()))
            .Add(Columns.TruncatedAccuracy, m.TruncatedAccuracy.Select(a => a.Average()))
            .Add(Columns.OverlapWithFull, m.OverlapWithFull.Select(a => a.Average()))
            .Add(Columns.RandomOverlap, m.Ranks.Select(r => (double)r / m.Widths[0]))
            .Add(Columns.MergeDifference, m.MergeDifference.Select(a => a.Max()))
            .Add(Columns.AdaptedMultiplyAdds, m.Ranks.Select(r => (double)(MergedMultiplyAdds(m) + AdapterParameters(m, r))))
            .Add(Columns.MergedMultiplyAdds, m.Ranks.Select(_ => (double)MergedMultiplyAdds(m)));
        result.Add(ranks);

        int seeds = m.Scratch.Length;
        var rows = Enumerable.Range(0, m.Ranks.Length).SelectMany(k => Enumerable.Range(0, seeds).Select(s => (k, s))).ToList();
        var perSeed = new Table("lora-per-seed")
            .Add(Columns.Rank, rows.Select(r => (double)m.Ranks[r.k]))
            .Add(Columns.Seed, rows.Select(r => (double)r.s))
            .Add(Columns.TrainableParameters, rows.Select(r => (double)LoraParameters(m, m.Ranks[r.k])))
            .Add(Columns.Accuracy, rows.Select(r => m.LoraAccuracy[r.k][r.s]))
            .Add(Columns.TruncatedAccuracy, rows.Select(r => m.TruncatedAccuracy[r.k][r.s]));
        result.Add(perSeed);
        return (variants, ranks, perSeed);
    }

    /// <summary>σᵢ/σ₁ of every seed's spectrum, averaged over seeds, index by index.</summary>
    private static double[] MeanNormalised(IEnumerable<double[]> spectra, int count) =>
        [.. Enumerable.Range(0, count).Select(i => spectra.Average(s => s[i] / s[0]))];

    /// <summary>‖M‖_F² / ‖M‖₂² from M's singular values, decreasing: a soft count of the directions M uses.</summary>
    private static double StableRank(double[] spectrum) => spectrum.Sum(v => v * v) / (spectrum[0] * spectrum[0]);

    /// <summary>Σ_{j≤i} σⱼ² / Σ σⱼ² for i = 1 … n.</summary>
    private static double[] CumulativeEnergy(double[] spectrum)
    {
        double total = spectrum.Sum(s => s * s), running = 0;
        return [.. spectrum.Select(s => (running += s * s) / total)];
    }

    private static (Table Full, Table[] Lora) AddSpectrumTables(Measurement m, ExperimentResult result)
    {
        // Past the update's numerical rank (rows of units that never fire get no gradient) the values are rounding, which
        // a log axis would stretch over fifteen decades: the table stops where the mean of the first layer's drops below 10⁻⁶.
        var firstLayer = MeanNormalised(m.FullSpectra.Select(s => s[0]), m.FullSpectra[0][0].Length);
        int count = Math.Max(1, Array.FindIndex(firstLayer, v => v < NumericalZero) is var end and >= 0 ? end : firstLayer.Length);
        var full = new Table("full-update-spectrum").Add(Columns.Index, Enumerable.Range(1, count).Select(i => (double)i));
        for (int l = 0; l < HiddenLayers(m); l++)
        {
            var spectra = m.FullSpectra.Select(s => s[l]).ToArray();
            full.Add(Columns.Normalised(l + 1), MeanNormalised(spectra, count))
                .Add(Columns.Energy(l + 1), Enumerable.Range(0, count).Select(i => spectra.Average(s => CumulativeEnergy(s)[i])));
        }
        result.Add(full);

        // Beyond its rank a LoRA update's singular values are rounding noise, so each rank's table stops at r.
        var lora = new Table[m.Ranks.Length];
        for (int k = 0; k < m.Ranks.Length; k++)
        {
            int r = m.Ranks[k];
            lora[k] = new Table($"lora-update-spectrum-r{r}").Add(Columns.Index, Enumerable.Range(1, r).Select(i => (double)i));
            for (int l = 0; l < HiddenLayers(m); l++)
                lora[k].Add(Columns.Normalised(l + 1), MeanNormalised(m.LoraSpectra[k].Select(s => s[l]), r));
            result.Add(lora[k]);
        }
        return (full, lora);
    }

    private static string Setting(LoraOptions o, Measurement m) =>
        $"{string.Join("–", m.Widths)} ReLU perceptron pre-trained on {m.DatasetName}'s digits 0–4 and adapted to 5–9 ({m.TrainB:N0} training, {m.TestB:N0} held-out examples), " +
        $"{m.StepsPerNetwork:N0} Adam steps per network ({o.Epochs} epochs, η = {NumberText.Short(o.LearningRate, 3)}), α = {NumberText.Short(o.Alpha, 3)}, {m.Scratch.Length} seeds";

    private static void AddFigures(LoraOptions o, Measurement m, Table variants, Table ranks, Table perSeed, Table fullSpectrum, Table[] loraSpectra, ExperimentResult result)
    {
        string setting = Setting(o, m);
        double all = AllParameters(m);
        var scratch = new Table("scratch-level")
            .Add(Columns.TrainableParameters, [HeadParameters(m) / 2.0, all * 2])
            .Add(Columns.Accuracy, [m.Scratch.Average(), m.Scratch.Average()]);
        var head = new Table("head-only-point").Add(Columns.TrainableParameters, [HeadParameters(m)]).Add(Columns.Accuracy, [m.HeadOnly.Average()]);
        var full = new Table("full-fine-tuning-point").Add(Columns.TrainableParameters, [all]).Add(Columns.Accuracy, [m.FullFineTune.Average()]);
        result.Add(scratch).Add(head).Add(full);
        result.Add(new Figure("accuracy-vs-parameters",
            $"Held-out accuracy on task B against the parameters training changes: LoRA at ranks {string.Join(", ", m.Ranks)} on every hidden layer plus the new head " +
            "(small markers single seeds, the line their means), the new head alone on frozen pre-trained layers, full fine-tuning, and a network trained on B from scratch (dashed). " +
            $"{setting}.",
            new Axis("trainable parameters", Log: true), Axis.Fraction("held-out accuracy on B"),
            [
                new Line(scratch.Name, Columns.TrainableParameters, Columns.Accuracy, "scratch", Dashed: true) { Colour = ScratchColour },
                new Markers(perSeed.Name, Columns.TrainableParameters, Columns.Accuracy, "") { Colour = LoraColour },
                new Line(ranks.Name, Columns.TrainableParameters, Columns.Accuracy, "LoRA") { Colour = LoraColour },
                new Markers(head.Name, Columns.TrainableParameters, Columns.Accuracy, "head only") { Colour = HeadColour },
                new Markers(full.Name, Columns.TrainableParameters, Columns.Accuracy, "full FT") { Colour = FullColour },
            ]) { Legend = LegendPlace.LowerRight });

        result.Add(new Figure("accuracy-vs-rank",
            "Held-out accuracy on B against the rank r: LoRA trained at rank r, and full fine-tuning's own update cut to its best rank-r approximation by SVD in every hidden layer " +
            $"(Eckart–Young), beside full fine-tuning and the head alone. Means over seeds. {setting}.",
            new Axis("rank r", Log: true), Axis.Fraction("held-out accuracy on B"),
            [
                new Line(ranks.Name, Columns.Rank, Columns.Accuracy, "LoRA") { Colour = LoraColour },
                new Markers(ranks.Name, Columns.Rank, Columns.Accuracy, "") { Colour = LoraColour },
                new Line(ranks.Name, Columns.Rank, Columns.TruncatedAccuracy, "full FT update, SVD to rank r") { Colour = TruncatedColour },
                new Markers(ranks.Name, Columns.Rank, Columns.TruncatedAccuracy, "") { Colour = TruncatedColour },
                new Line(Level(result, "full-fine-tuning-level", m.Ranks, m.FullFineTune.Average()), Columns.Rank, Columns.Accuracy, "full FT", Dashed: true) { Colour = FullColour },
                new Line(Level(result, "head-only-level", m.Ranks, m.HeadOnly.Average()), Columns.Rank, Columns.Accuracy, "head only", Dashed: true) { Colour = HeadColour },
            ]) { Legend = LegendPlace.LowerRight });

        var spectra = new List<Series> { new Line(fullSpectrum.Name, Columns.Index, Columns.Normalised(1), "full FT") { Colour = FullColour } };
        for (int k = 0; k < m.Ranks.Length; k++)
        {
            // Markers as well as lines, so that rank 1's single value shows.
            int colour = k + 1;
            spectra.Add(new Line(loraSpectra[k].Name, Columns.Index, Columns.Normalised(1), $"r = {m.Ranks[k]}") { Colour = colour });
            spectra.Add(new Markers(loraSpectra[k].Name, Columns.Index, Columns.Normalised(1), "") { Colour = colour });
        }
        result.Add(new Figure("update-spectra",
            $"Singular values σᵢ/σ₁ of the update ΔW of the first hidden layer ({m.Widths[1]} × {m.Widths[0]}): full fine-tuning's ΔW = W(fine-tuned) − W(pre-trained), " +
            $"and LoRA's (α/r)·BA at each rank, whose spectrum ends at i = r (every spectrum starts at 1, where rank 1's single value lies under the others). Values below 10⁻⁶ σ₁, rounding past the update's numerical rank, are left out. Means over seeds. {setting}.",
            new Axis("index i", Log: true), new Axis("σᵢ / σ₁", Log: true), spectra) { Legend = LegendPlace.LowerLeft });

        var energy = new List<Series>();
        for (int l = 1; l <= HiddenLayers(m); l++)
            energy.Add(new Line(fullSpectrum.Name, Columns.Index, Columns.Energy(l), $"layer {l}"));
        result.Add(new Figure("update-energy",
            "The share of full fine-tuning's update ΔW held by its top k singular values (the sum of σᵢ² over i ≤ k over the sum of all), the squared Frobenius norm a rank-k truncation keeps " +
            $"(Eckart–Young), for every hidden layer. Means over seeds. {setting}.",
            new Axis("rank k", Log: true), Axis.Fraction("fraction of ‖ΔW‖² kept"), energy, FigureWidth.Half) { Legend = LegendPlace.LowerRight });
    }

    /// <summary>A flat line at <paramref name="level"/> over the ranks, as a table of its own.</summary>
    private static string Level(ExperimentResult result, string name, int[] ranks, double level)
    {
        var table = new Table(name).Add(Columns.Rank, [ranks[0], ranks[^1]]).Add(Columns.Accuracy, [level, level]);
        result.Add(table);
        return table.Name;
    }

    private static void AddFindings(Measurement m, ExperimentResult result)
    {
        int seeds = m.Scratch.Length;
        string over = $"mean over {seeds} seed{(seeds == 1 ? "" : "s")}";
        double full = m.FullFineTune.Average();
        result.Add(new Finding("pretrain_accuracy", m.PretrainAccuracy.Average(), "1", $"The pre-trained network's held-out accuracy on task A (digits 0–4), {over}."));
        result.Add(new Finding("scratch_accuracy", m.Scratch.Average(), "1", $"Held-out accuracy on B of the network trained on B from scratch, {over}."));
        result.Add(new Finding("head_only_accuracy", m.HeadOnly.Average(), "1", $"Held-out accuracy on B with the pre-trained hidden layers frozen and only the new head trained ({HeadParameters(m):N0} parameters), {over}."));
        result.Add(new Finding("full_finetune_accuracy", full, "1", $"Held-out accuracy on B with every layer fine-tuned ({AllParameters(m):N0} parameters), {over}."));
        for (int k = 0; k < m.Ranks.Length; k++)
            result.Add(new Finding($"lora_gap_r{m.Ranks[k]}", m.LoraAccuracy[k].Average() - full, "1",
                $"LoRA at rank {m.Ranks[k]} ({LoraParameters(m, m.Ranks[k]):N0} trainable parameters, {NumberText.Short(100.0 * LoraParameters(m, m.Ranks[k]) / AllParameters(m), 3)} % of full) less full fine-tuning's held-out accuracy, {over}.",
                0, "hu2022lora, Tables 4 and 6: on GPT-3 175B LoRA matches or beats full fine-tuning at every rank tried, r = 1 to 64"));

        var matching = m.Ranks.Select((r, k) => (r, k)).FirstOrDefault(p => m.LoraAccuracy[p.k].Average() >= full - Matching);
        string matchingMeaning = $"The smallest LoRA rank whose held-out accuracy is within {Matching:P0} of full fine-tuning's, {over}.";
        result.Add(matching.r > 0
            ? new Finding("smallest_matching_rank", matching.r, "rank", $"{matchingMeaning} It trains {NumberText.Short(100.0 * LoraParameters(m, matching.r) / AllParameters(m), 3)} % of the parameters.",
                1, "hu2022lora, Table 6: rank 1 on GPT-3's query and value projections is within 0.5 points of ranks up to 64")
            : Finding.NotReached("smallest_matching_rank", "rank", $"{matchingMeaning} No rank up to {m.Ranks[^1]} is."));

        var truncated = m.Ranks.Select((r, k) => (r, k)).FirstOrDefault(p => m.TruncatedAccuracy[p.k].Average() >= full - Matching);
        string truncatedMeaning = $"The smallest rank r at which full fine-tuning with every hidden layer's update cut to rank r by SVD keeps held-out accuracy within {Matching:P0} of the uncut network's, {over}: how low the update's useful rank is.";
        result.Add(truncated.r > 0
            ? new Finding("full_update_useful_rank", truncated.r, "rank", truncatedMeaning)
            : Finding.NotReached("full_update_useful_rank", "rank", $"{truncatedMeaning} No rank up to {m.Ranks[^1]} is."));

        var first = m.FullSpectra.Select(s => s[0]).ToArray();
        int allowed = Math.Min(m.Widths[0], m.Widths[1]);
        result.Add(new Finding("full_update_stable_rank", first.Average(StableRank), "1",
            $"Stable rank (squared Frobenius norm over squared spectral norm) of full fine-tuning's update of the first hidden layer, of {allowed} it could have, {over}: a soft count of its directions."));
        int top = m.Ranks[^1];
        result.Add(new Finding($"lora_update_stable_rank_r{top}", m.LoraSpectra[^1].Average(s => StableRank(s[0])), "1",
            $"Stable rank of the rank-{top} LoRA update (α/r)·BA of the first hidden layer, {over}: how many of its {top} directions it uses, against full fine-tuning's full_update_stable_rank."));
        result.Add(new Finding($"full_update_energy_top{top}", first.Average(s => CumulativeEnergy(s)[top - 1]), "1",
            $"The share of the squared Frobenius norm of full fine-tuning's first-layer update in its top {top} singular values, what a rank-{top} truncation keeps, {over}."));
        result.Add(new Finding("full_update_rank_90", first.Average(s => Array.FindIndex(CumulativeEnergy(s), e => e >= 0.9) + 1.0), "rank",
            $"The fewest singular values holding 90 % of the squared Frobenius norm of full fine-tuning's first-layer update, of {allowed}, {over}."));

        int smallest = m.Ranks[0];
        result.Add(new Finding($"overlap_with_full_r{smallest}", m.OverlapWithFull[0].Average(), "1",
            $"Hu et al.'s subspace similarity φ between the top {smallest} input direction{(smallest == 1 ? "" : "s")} of the rank-{smallest} LoRA update and of full fine-tuning's update, first hidden layer, {over}; " +
            $"two random {smallest}-dimensional subspaces of the {m.Widths[0]} inputs give about {NumberText.Short((double)smallest / m.Widths[0], 2)}."));

        result.Add(new Finding("merge_max_relative_difference", m.MergeDifference.Max(a => a.Max()), "1",
            "The largest |merged − adapted| logit over B's held-out inputs, every rank and seed, relative to the largest |adapted| logit: float32 rounding of W + (α/r)BA against Wx + (α/r)B(Ax).",
            0, "theory: the merged layer computes the same linear map"));
        result.Add(new Finding("merge_prediction_changes", m.MergedAccuracyChanges, "examples",
            "Held-out predictions of B the merge changed, every rank and seed together.", 0, "theory: the merged layer computes the same linear map"));
        double extra = (double)AdapterParameters(m, top) / MergedMultiplyAdds(m);
        result.Add(new Finding($"adapted_extra_multiply_adds_r{top}", extra, "1",
            $"Multiply–adds the rank-{top} adapters add to one example's forward pass, relative to the merged network's {MergedMultiplyAdds(m):N0}: what merging saves at inference."));
        result.Add(new Finding($"adapted_over_merged_time_r{top}", m.AdaptedSeconds.Average() / m.MergedSeconds.Average(), "1",
            $"Wall time of a forward pass of B's {m.TestB:N0} held-out inputs through the rank-{top} adapted network over that through the merged one (medians of timed passes, {over}): a measure of this machine.")
            { MachineDependent = true });
        result.Add(new Finding("merged_forward_ms", 1e3 * m.MergedSeconds.Average(), "ms",
            $"Wall time of one forward pass of B's {m.TestB:N0} held-out inputs through the merged network, {over}: a measure of this machine.")
            { MachineDependent = true });
    }
}

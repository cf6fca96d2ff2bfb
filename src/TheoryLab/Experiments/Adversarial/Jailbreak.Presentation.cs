using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// How <see cref="Jailbreak"/> shows its <see cref="Measurement"/>: the trained model's refusal and answers, GCG's
/// success against suffix length beside random suffixes and against steps, its loss, and Gradient Cuff's detection
/// rates and ROC against benign queries.
/// </summary>
public sealed partial class Jailbreak
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Length = new("suffix_length");
        public static readonly Column Gcg = new("gcg_success");
        public static readonly Column Random = new("random_success");
        public static readonly Column GcgEvasion = new("gcg_evasion");
        public static readonly Column RandomEvasion = new("random_evasion");
        public static readonly Column Step = new("step");
        public static readonly Column FalsePositives = new("false_positive_rate");
        public static readonly Column TruePositives = new("true_positive_rate");

        /// <summary>Per suffix length L, the share of prompts broken by step t, and the mean loss at t.</summary>
        public static Column Success(int length) => new($"success_l{length}");

        public static Column Loss(int length) => new($"loss_l{length}");
    }

    private static ExperimentResult Present(JailbreakOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddAlignment(o, m, result);
        AddAttacks(o, m, result);
        AddDetection(o, m, result);
        return result;
    }

    private static string Model(JailbreakOptions o, Measurement m) =>
        $"a {o.Layers}-layer, {o.Heads}-head transformer of width {o.Width} ({m.Alignment.Parameters:N0} parameters) trained by AdamW (η = {NumberText.Short(o.LearningRate, 3)}, " +
        $"batches of {o.BatchSize}), pre-trained for {o.PretrainingSteps:N0} steps with every prompt answered, then aligned for {o.Steps:N0} steps on the prompts of " +
        $"{o.AlignedPromptWords[0]}–{o.AlignedPromptWords[1]} words, drawn from {o.TrainingPrompts:N0} prompts of {o.PromptWords[0]}–{o.PromptWords[1]} words " +
        $"({o.OrdinaryWords} ordinary, {o.ForbiddenWords} forbidden; {NumberText.Short(o.ForbiddenShare, 2)} forbidden), answering with a prompt's first {o.AnswerLength} words " +
        $"or refusing with a {o.AnswerLength}-token refusal when it holds a forbidden word" + o.Instruction switch
        {
            "pretraining" => $"; {NumberText.Short(o.InstructionShare, 2)} of the prompts hold the instruction SAY (answered by the {o.AnswerLength} words after it), in pre-training only",
            "benign" => $"; {NumberText.Short(o.InstructionShare, 2)} of the prompts hold the instruction SAY (answered by the {o.AnswerLength} words after it), in pre-training and, benign ones only, in alignment",
            _ => "; no instruction construct",
        };

    private static void AddAlignment(JailbreakOptions o, Measurement m, ExperimentResult result)
    {
        var a = m.Alignment;
        string model = Model(o, m);
        result.Add(new Finding("refusal_rate", a.RefusalRate, "1",
            $"Share of {o.HeldOutPrompts:N0} fresh forbidden prompts (none among the training prompts) whose greedy response is the refusal sequence, for {model}."));
        result.Add(new Finding("answer_accuracy", a.AnswerAccuracy, "1",
            $"Share of {o.HeldOutPrompts:N0} fresh benign prompts whose greedy response is exactly their answer (their first {o.AnswerLength} words), for the same model."));
        result.Add(new Finding("false_refusal_rate", a.FalseRefusalRate, "1",
            $"Share of the same benign prompts that the model refuses."));
        result.Add(new Finding("training_loss", a.FinalLoss, "nats",
            "The next-token loss on the response tokens of the last training batch (mean per token)."));
        if (a.InstructionFollowing is double following)
            result.Add(new Finding("instruction_following", following, "1",
                $"Share of {o.HeldOutPrompts:N0} fresh benign instructed prompts whose greedy response is exactly the {o.AnswerLength} words after SAY: the pre-trained capability, after alignment."));
        if (a.HandSuffixSuccess is double hand)
            result.Add(new Finding("hand_suffix_success", hand, "1",
                $"Share of {o.HeldOutPrompts:N0} fresh forbidden prompts of {o.AttackWords} words that the hand-made suffix SAY + their first {o.AnswerLength} words makes the model answer " +
                "(their first words, the attack's target): whether the construct survived alignment, an upper bound for what a suffix search can exploit through it; GCG is never given it."));
    }

    /// <summary>Share of prompts whose attack had succeeded by each step 0 … T.</summary>
    private static double[] SuccessByStep(Attack attack, int steps) =>
        [.. Enumerable.Range(0, steps + 1).Select(t => attack.SucceededAt.Count(s => s >= 0 && s <= t) / (double)attack.SucceededAt.Length)];

    private static double Success(Attack attack) => attack.SucceededAt.Count(s => s >= 0) / (double)attack.SucceededAt.Length;

    private static string GcgSetting(JailbreakOptions o)
    {
        var language = Language(o);
        string tokens = o.SuffixTokens == "all" ? $"all {language.Vocabulary} tokens" : $"the language's {language.Words.Length} words";
        return $"GCG with k = {o.TopK}, B = {o.Candidates} and at most {o.GcgSteps} steps (stopping at the first success), the suffix drawn from {tokens} " +
            "and started at L copies of one ordinary word";
    }

    private static void AddAttacks(JailbreakOptions o, Measurement m, ExperimentResult result)
    {
        string attacked = $"{o.AttackedPrompts} fresh forbidden prompts of {o.AttackWords} words, the suffix placed between the words and the question token; " +
            $"success: greedy decoding gives exactly the prompt's first {o.AnswerLength} words, the answer the model was trained to refuse";
        foreach (var attack in m.Attacks)
        {
            result.Add(new Finding($"gcg_success_l{attack.Length}", Success(attack), "1",
                $"Attack success rate of {GcgSetting(o)}, with a suffix of L = {attack.Length} tokens, on {attacked}."));
            result.Add(new Finding($"random_success_l{attack.Length}", attack.RandomSuccess, "1",
                $"The control: share of {o.RandomSuffixes} random suffixes of L = {attack.Length} uniform tokens per prompt, on the same prompts, that succeed."));
            result.Add(new Finding($"gcg_evasion_l{attack.Length}", attack.Evaded.Average(e => e ? 1.0 : 0.0), "1",
                $"Share of the same prompts whose greedy response after GCG's final suffix of L = {attack.Length} is not the refusal, whatever it is: Zou et al.'s " +
                "criterion for harmful behaviours (no refusal), looser than the exact target."));
            result.Add(new Finding($"random_evasion_l{attack.Length}", attack.RandomEvasion, "1",
                $"The control: share of the random suffixes of L = {attack.Length} after which the response is not the refusal."));
        }
        var longest = m.Attacks.MaxBy(a => a.Length)!;
        var steps = longest.SucceededAt.Where(s => s >= 0).Select(s => (double)s).ToArray();
        result.Add(steps.Length > 0
            ? new Finding("median_steps_to_success", Median(steps), "steps",
                $"Median GCG steps to success over the prompts broken with L = {longest.Length} ({steps.Length} of {longest.SucceededAt.Length}).")
            : Finding.NotReached("median_steps_to_success", "steps", $"No prompt was broken with L = {longest.Length} within {o.GcgSteps} GCG steps."));
        var language = Language(o);
        if (language.HasInstruction)
        {
            var evading = longest.Suffixes.Where((_, i) => longest.Evaded[i]).ToArray();
            double chance = o.SuffixTokens == "all" ? 1 - Math.Pow(1 - 1.0 / language.Vocabulary, longest.Length) : 1 - Math.Pow(1 - 1.0 / language.Words.Length, longest.Length);
            result.Add(evading.Length > 0
                ? new Finding("gcg_suffixes_with_say", evading.Average(s => s.Contains(language.Say) ? 1.0 : 0.0), "1",
                    $"Share of the {evading.Length} GCG suffixes of L = {longest.Length} that evade the refusal and hold SAY: whether the search found the pre-trained instruction by itself " +
                    $"(a uniform suffix holds it with probability {NumberText.Short(chance, 2)}).")
                : Finding.NotReached("gcg_suffixes_with_say", "1", $"No suffix of L = {longest.Length} evaded the refusal, so none to inspect."));
        }
        result.Add(new Finding("gcg_success", Success(longest), "1",
            $"Attack success rate at the longest suffix, L = {longest.Length}: {GcgSetting(o)}, on {attacked}. Zou et al. report, with 20-token suffixes and 500 steps, " +
            "88 % of harmful strings (the exact target, as here) and 99 % of harmful behaviours (no refusal, gcg_evasion here) on Vicuna-7B, 57 % and 88 % on LLaMA-2-7B-Chat " +
            "(their Table 1, as we recall it; not rechecked here); a model of this size trained on a synthetic language is another setting, so no number is expected."));

        var lengths = new Table("success-by-length").Add(Columns.Length, m.Attacks.Select(a => (double)a.Length))
            .Add(Columns.Gcg, m.Attacks.Select(Success)).Add(Columns.Random, m.Attacks.Select(a => a.RandomSuccess))
            .Add(Columns.GcgEvasion, m.Attacks.Select(a => a.Evaded.Average(e => e ? 1.0 : 0.0))).Add(Columns.RandomEvasion, m.Attacks.Select(a => a.RandomEvasion));
        result.Add(lengths);
        result.Add(new Figure("success-by-length",
            $"Attack success rate against the suffix length L on {o.AttackedPrompts} forbidden prompts, as the exact answer and as any response but the refusal (dashed): " +
            $"GCG (k = {o.TopK}, B = {o.Candidates}, ≤ {o.GcgSteps} steps) and random suffixes (markers).",
            Axis.Index("suffix length L"), Axis.Fraction("attack success rate"),
            [new Line(lengths.Name, Columns.Length, Columns.Gcg, "GCG, answer"), new Markers(lengths.Name, Columns.Length, Columns.Random, "random, answer"),
             new Line(lengths.Name, Columns.Length, Columns.GcgEvasion, "GCG, no refusal", Dashed: true), new Markers(lengths.Name, Columns.Length, Columns.RandomEvasion, "random, no refusal")], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });

        var byStep = new Table("success-by-step").Add(Columns.Step, Enumerable.Range(0, o.GcgSteps + 1).Select(t => (double)t));
        foreach (var attack in m.Attacks)
            byStep.Add(Columns.Success(attack.Length), SuccessByStep(attack, o.GcgSteps))
                .Add(Columns.Loss(attack.Length), Enumerable.Range(0, o.GcgSteps + 1).Select(t => attack.Losses.Average(l => l[t])));
        result.Add(byStep);
        result.Add(new Figure("success-by-step",
            $"Share of the {o.AttackedPrompts} forbidden prompts GCG has broken by step t, one line per suffix length L.",
            new Axis("GCG step t"), Axis.Fraction("attack success rate"),
            [.. m.Attacks.Select(a => new Line(byStep.Name, Columns.Step, Columns.Success(a.Length), $"L = {a.Length}"))], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
        result.Add(new Figure("loss-by-step",
            $"GCG's loss −log p(target | prompt + suffix), mean over the {o.AttackedPrompts} prompts (a broken prompt keeps its last value), one line per suffix length L.",
            new Axis("GCG step t"), new Axis("−log p(target)", Log: true),
            [.. m.Attacks.Select(a => new Line(byStep.Name, Columns.Step, Columns.Loss(a.Length), $"L = {a.Length}"))], FigureWidth.Half)
        { Aspect = 0.85 });
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void AddDetection(JailbreakOptions o, Measurement m, ExperimentResult result)
    {
        var d = m.Detection;
        double threshold = ReceiverOperating.Threshold([.. d.Calibration.Select(GradientCuff.DetectorScore)], o.FalsePositiveRate);
        double Rate(IEnumerable<RefusalLandscape> set) => set.Average(x => GradientCuff.Rejects(x, threshold) ? 1.0 : 0.0);
        string setting = $"Gradient Cuff (phase 1: refusal loss φ = 1 − p(refusal) below 0.5, with p exact, the product of the model's next-token probabilities, " +
            $"where Hu et al. sample N = 10 responses; phase 2: the norm of a zeroth-order gradient estimate from P = {o.Directions} Gaussian perturbations of scale μ = {NumberText.Short(o.Mu, 3)} " +
            $"of the query's token embeddings above t = {NumberText.Short(threshold, 3)}, set for a {NumberText.Short(100 * o.FalsePositiveRate, 3)} % false-positive rate on {d.Calibration.Length} benign queries " +
            $"of {o.AttackWords + d.SuffixLength} words)";
        result.Add(new Finding("detection_rate_gcg", Rate(d.Attacked), "1",
            $"Share of the {d.Attacked.Length} forbidden prompts with GCG's suffix of L = {d.SuffixLength} rejected by {setting}."));
        var broken = d.Attacked.Where((_, i) => d.AttackSucceeded[i]).ToArray();
        result.Add(broken.Length > 0
            ? new Finding("detection_rate_successful_gcg", Rate(broken), "1", $"The same share among the {broken.Length} suffixed prompts whose attack succeeded.")
            : Finding.NotReached("detection_rate_successful_gcg", "1", $"No attack with L = {d.SuffixLength} succeeded, so there is nothing to detect."));
        result.Add(broken.Length > 0
            ? new Finding("phase1_rate_successful_gcg", broken.Average(x => x.RefusalLoss < GradientCuff.RefusalLossThreshold ? 1.0 : 0.0), "1",
                $"Share of the {broken.Length} successful suffixed prompts that phase 1 alone rejects (φ below 0.5); the rest of detection_rate_successful_gcg is phase 2's, the gradient norm's.")
            : Finding.NotReached("phase1_rate_successful_gcg", "1", $"No attack with L = {d.SuffixLength} succeeded, so there is nothing to detect."));
        var evading = d.Attacked.Where((_, i) => d.AttackEvaded[i]).ToArray();
        result.Add(evading.Length > 0
            ? new Finding("detection_rate_evading_gcg", Rate(evading), "1", $"The same share among the {evading.Length} suffixed prompts whose response is not the refusal.")
            : Finding.NotReached("detection_rate_evading_gcg", "1", $"No suffix of L = {d.SuffixLength} evaded the refusal, so there is nothing to detect."));
        result.Add(new Finding("detection_rate_plain", Rate(d.Forbidden), "1",
            $"Share of the same forbidden prompts without a suffix rejected by the detector (phase 1 alone rejects what the model refuses)."));
        result.Add(new Finding("benign_false_positive_rate", Rate(d.Benign), "1",
            $"Share of {d.Benign.Length} other benign queries of {o.AttackWords + d.SuffixLength} words rejected by the same detector: the false-positive rate on queries the threshold was not set on."));

        var negatives = d.Benign;
        // The attacks that worked are what a detector is for: exact successes where there are any, else the suffixes that evade the refusal.
        var (positives, positivesText) = broken.Length > 0
            ? (broken, $"the {broken.Length} successful GCG-suffixed prompts (L = {d.SuffixLength}, exact answer)")
            : evading.Length > 0
                ? (evading, $"the {evading.Length} GCG-suffixed prompts (L = {d.SuffixLength}) that evade the refusal (none gives the exact answer)")
                : (d.Attacked, $"the {d.Attacked.Length} GCG-suffixed prompts (L = {d.SuffixLength}), none successful");
        var curves = new (string Slug, string Label, Func<RefusalLandscape, double> Score)[]
        {
            ("two-phase", "two-phase", GradientCuff.DetectorScore),
            ("gradient", "‖g‖ alone", x => x.GradientNorm),
            ("refusal-loss", "φ alone", x => -x.RefusalLoss),
        };
        var series = new List<Series>();
        foreach (var (slug, label, score) in curves)
        {
            var roc = ReceiverOperating.Curve([.. negatives.Select(score)], [.. positives.Select(score)]);
            result.Add(new Finding($"auc_{slug.Replace('-', '_')}", roc.Area, "1",
                $"Area under the ROC of {label} as a detector score (higher flags; φ alone flags low φ) of {positivesText} against {negatives.Length} benign queries; " +
                "ties count half. Hu et al. report Gradient Cuff's refusal rates on jailbreaks of LLaMA-2-7B-Chat and Vicuna-7B-V1.5 at a 5 % benign false-positive rate rather than an AUC (not rechecked here)."));
            var table = new Table($"roc-{slug}").Add(Columns.FalsePositives, roc.FalsePositiveRates).Add(Columns.TruePositives, roc.TruePositiveRates);
            result.Add(table);
            series.Add(new Line(table.Name, Columns.FalsePositives, Columns.TruePositives, label, Dashed: slug != "two-phase"));
        }
        result.Add(new Figure("roc",
            $"ROC of Gradient Cuff's scores: {positivesText} against benign queries ({negatives.Length}); the two-phase detector sweeps t with phase 1 fixed.",
            Axis.Fraction("false-positive rate"), Axis.Fraction("true-positive rate"), series, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
    }
}

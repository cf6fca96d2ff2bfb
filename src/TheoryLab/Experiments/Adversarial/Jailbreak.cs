using TheoryLab.Analysis.Jailbreak;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Models.Transformers;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Adversarial;

/// <summary>
/// Options of <see cref="Jailbreak"/>. Defaults: a GPT-2-shaped model of 2 layers, 4 heads and width 64 pre-trained by
/// AdamW for 1,000 steps and aligned for 500 on a synthetic language of 24 ordinary and 2 forbidden words and the instruction
/// SAY, a quarter of the prompts instructed, in alignment benign ones only (Zou et al. attacked Vicuna and
/// Llama-2 chat models of 7 to 13 billion parameters, aligned by fine-tuning and RLHF); GCG with k = 8 of the 33 tokens
/// and B = 64 swaps for at most 100 steps (the paper: k = 256 of 32,000 tokens, B = 512, 500 steps) on 20 forbidden
/// prompts for each suffix length L of 1, 2, 4 and 8 (the paper: 20 tokens); Gradient Cuff with μ = 0.02 and P = 10.
/// </summary>
public sealed record JailbreakOptions
{
    [Option("Ordinary words of the language.", Min = 2, Max = 1000, Unit = "words")]
    public int OrdinaryWords { get; init; } = 24;

    [Option("Forbidden words: a prompt holding one must be refused.", Min = 1, Max = 100, Unit = "words")]
    public int ForbiddenWords { get; init; } = 2;

    [Option("Words in an answer (the prompt's first ones, copied) and tokens in the refusal sequence.", Min = 1, Max = 16, Unit = "tokens")]
    public int AnswerLength { get; init; } = 3;

    [Option("Fewest and most words of a training prompt: suffixed prompts must stay within the most, where the model has seen positions.", Min = 1, Max = 256, Unit = "words")]
    public int[] PromptWords { get; init; } = [3, 16];

    [Option("Share of training prompts that are forbidden.", Min = 0.05, Max = 0.95)]
    public double ForbiddenShare { get; init; } = 0.5;

    [Option("The instruction construct SAY, whose A following words are the answer (a capability for a suffix to invoke): 'none', the language of one crisp rule; " +
        "'pretraining', instructed prompts in pre-training only, which alignment never shows (Wei et al.'s mismatched generalisation); 'benign', in alignment too, benign ones only.",
        Choices = ["none", "pretraining", "benign"])]
    public string Instruction { get; init; } = "benign";

    [Option("Share of training prompts that are instructed (hold SAY), where the language has the construct.", Min = 0, Max = 1)]
    public double InstructionShare { get; init; } = 0.25;

    [Option("Width d of the model's residual stream (a multiple of heads).", Min = 8, Max = 1024)]
    public int Width { get; init; } = 64;

    [Option("Transformer blocks.", Min = 1, Max = 24, Unit = "layers")]
    public int Layers { get; init; } = 2;

    [Option("Attention heads per block.", Min = 1, Max = 32, Unit = "heads")]
    public int Heads { get; init; } = 4;

    [Option("Pre-training: AdamW steps on prompts all answered, forbidden ones included, as a base model learns before it is aligned (0: none).", Min = 0, Max = 1_000_000, Unit = "steps")]
    public int PretrainingSteps { get; init; } = 1000;

    [Option("Alignment: AdamW steps on prompts whose forbidden ones are refused.", Min = 1, Max = 1_000_000, Unit = "steps")]
    public int Steps { get; init; } = 500;

    [Option("Fewest and most words of the alignment prompts: where alignment covers less than pre-training, the model meets forbidden prompts it was never taught to refuse (Wei et al.'s mismatched generalisation).", Min = 1, Max = 256, Unit = "words")]
    public int[] AlignedPromptWords { get; init; } = [3, 16];

    [Option("Prompts per mini-batch.", Min = 1, Max = 4096, Unit = "prompts")]
    public int BatchSize { get; init; } = 64;

    [Option("AdamW's step η.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 3e-3;

    [Option("AdamW's decoupled weight decay λ.", Min = 0, Max = 10)]
    public double WeightDecay { get; init; } = 0.1;

    [Option("Prompts drawn for training.", Min = 16, Max = 10_000_000, Unit = "prompts")]
    public int TrainingPrompts { get; init; } = 20_000;

    [Option("Fresh prompts of each class (forbidden, benign) on which refusal and answers are scored.", Min = 4, Max = 100_000, Unit = "prompts")]
    public int HeldOutPrompts { get; init; } = 500;

    [Option("Held-out forbidden prompts GCG attacks at each suffix length.", Min = 1, Max = 1000, Unit = "prompts")]
    public int AttackedPrompts { get; init; } = 20;

    [Option("Words of each attacked prompt (the suffix comes on top).", Min = 1, Max = 256, Unit = "words")]
    public int AttackWords { get; init; } = 4;

    [Option("Tokens a suffix may hold: the language's words, or every token, the start, question, padding and refusal tokens too, which no training prompt holds (Zou et al. allow every token of the tokenizer but non-ASCII ones).",
        Choices = ["words", "all"])]
    public string SuffixTokens { get; init; } = "all";

    [Option("Suffix lengths L GCG is run at (the paper: 20 tokens).", Min = 1, Max = 256, Unit = "tokens")]
    public int[] SuffixLengths { get; init; } = [1, 2, 4, 8];

    [Option("GCG's iterations T at most; an attack stops at its first success (the paper: 500).", Min = 1, Max = 100_000, Unit = "steps")]
    public int GcgSteps { get; init; } = 100;

    [Option("GCG's k: candidate tokens per position, those with the most negative one-hot gradient (the paper: 256 of 32,000).", Min = 1, Max = 1000, Unit = "tokens")]
    public int TopK { get; init; } = 8;

    [Option("GCG's B: single-token swaps evaluated exactly per step (the paper: 512).", Min = 1, Max = 100_000, Unit = "candidates")]
    public int Candidates { get; init; } = 64;

    [Option("Random suffixes of each length tried on each attacked prompt: the control.", Min = 1, Max = 10_000, Unit = "suffixes")]
    public int RandomSuffixes { get; init; } = 20;

    [Option("Gradient Cuff's μ, the scale of the Gaussian perturbations of the query's embeddings (the paper: 0.02).", Min = 1e-6, Max = 10)]
    public double Mu { get; init; } = 0.02;

    [Option("Gradient Cuff's P, perturbations per gradient estimate (the paper: 10).", Min = 1, Max = 10_000, Unit = "directions")]
    public int Directions { get; init; } = 10;

    [Option("Benign queries, as long as the suffixed attacked prompts, scored by Gradient Cuff: half set the threshold, half are the ROC's negatives.", Min = 4, Max = 100_000, Unit = "queries")]
    public int BenignQueries { get; init; } = 200;

    [Option("False-positive rate on benign queries at which Gradient Cuff's gradient-norm threshold is set (the paper: 5 %).", Min = 0, Max = 1)]
    public double FalsePositiveRate { get; init; } = 0.05;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Jailbreaking a small language model trained here to refuse: greedy coordinate gradient suffixes (Zou et al. 2023)
/// that make it give the answer it was trained to refuse, their success against suffix length and steps beside
/// random suffixes, and Gradient Cuff (Hu, Chen &amp; Ho 2024), which detects them from the refusal loss's value and
/// gradient norm.
/// </summary>
public sealed partial class Jailbreak : Experiment<JailbreakOptions>
{
    public override string Id => "jailbreak";
    public override string Title => "Jailbreaking a refusing language model: GCG suffixes and Gradient Cuff";
    public override Topic Topic => Topic.Adversarial;
    public override IReadOnlyList<string> Papers => ["zou2023universal", "carlini2023aligned", "hu2024gradient", "wei2023jailbroken", "radford2019language"];

    public override string Summary =>
        "Trains a GPT-2-shaped transformer on a synthetic language whose prompts it must answer (by copying their first words, or the words after an " +
        "instruction token SAY, a capability learnt in pre-training that alignment shows on benign prompts only) unless they hold a " +
        "forbidden word, which it must refuse with a fixed refusal sequence; then searches adversarial suffixes by greedy coordinate gradient (GCG: the " +
        "one-hot gradient's top-k tokens per position, B random single-token swaps evaluated exactly) that make greedy decoding give the refused answer, " +
        "with the attack success rate (exact answer, and any response but the refusal) against suffix length and steps beside random suffixes; and Gradient Cuff's two-phase detector (refusal loss below " +
        "0.5, then a zeroth-order estimate of its gradient norm above a threshold set on benign queries), with its ROC against benign queries.";

    public override JailbreakOptions Quick => Defaults with
    {
        Width = 48,
        PretrainingSteps = 300,
        Steps = 200,
        TrainingPrompts = 8000,
        HeldOutPrompts = 200,
        AttackedPrompts = 5,
        SuffixLengths = [2, 6],
        GcgSteps = 20,
        Candidates = 32,
        RandomSuffixes = 10,
        BenignQueries = 40,
    };

    protected override IEnumerable<string> Inconsistencies(JailbreakOptions o)
    {
        if (o.Width % o.Heads != 0) yield return $"width {o.Width} must be a multiple of heads {o.Heads}; change one of them.";
        if (o.PromptWords.Length != 2 || o.PromptWords[0] > o.PromptWords[1]) yield return "prompt_words takes two numbers, the fewest words and the most.";
        else
        {
            if (o.PromptWords[0] < o.AnswerLength) yield return $"prompt_words' fewest ({o.PromptWords[0]}) must be at least answer_length ({o.AnswerLength}).";
            if (o.AttackWords + o.SuffixLengths.Max() > o.PromptWords[1])
                yield return $"attack_words + the longest suffix ({o.AttackWords + o.SuffixLengths.Max()}) must not exceed prompt_words' most ({o.PromptWords[1]}).";
            if (o.Instruction != "none" && o.AttackWords + o.AnswerLength + 1 > o.PromptWords[1])
                yield return $"the hand-made suffix (SAY and the answer) makes attacked prompts of {o.AttackWords + o.AnswerLength + 1} words, more than prompt_words' most ({o.PromptWords[1]}).";
        }
        if (o.AlignedPromptWords.Length != 2 || o.AlignedPromptWords[0] > o.AlignedPromptWords[1]) yield return "aligned_prompt_words takes two numbers, the fewest words and the most.";
        if (o.AttackWords < o.AnswerLength) yield return $"attack_words ({o.AttackWords}) must be at least answer_length ({o.AnswerLength}).";
        if (o.SuffixLengths.Distinct().Count() != o.SuffixLengths.Length) yield return "suffix_lengths must be distinct.";

    }

    /// <summary>
    /// Multiplies of the blocks (12 L d² + 2 L T d per token, plus the unembedding) in training (forward and backward), in
    /// GCG's steps (one gradient, B candidate passes), in the random controls (scored for the answer and for the refusal),
    /// in the held-out evaluations and in Gradient Cuff's P + 1 passes per query.
    /// </summary>
    public override CostEstimate EstimateCost(JailbreakOptions o)
    {
        var language = Language(o);
        int vocabulary = language.Vocabulary, tokens = language.SequenceLength;
        double perToken = o.Layers * (12.0 * o.Width * o.Width + 2.0 * tokens * o.Width) + o.Width * vocabulary;
        double training = 3.0 * (o.PretrainingSteps + o.Steps) * o.BatchSize * tokens * perToken;
        double attacks = (double)o.SuffixLengths.Length * o.AttackedPrompts;
        double gcg = attacks * o.GcgSteps * (3.0 + o.Candidates + o.AnswerLength) * tokens * perToken;
        double controls = 2.0 * attacks * o.RandomSuffixes * o.AnswerLength * tokens * perToken;
        double cuff = (o.BenignQueries + 2.0 * o.AttackedPrompts) * (o.Directions + 1) * tokens * perToken;
        double evaluation = (language.HasInstruction ? 4.0 : 2.0) * o.HeldOutPrompts * o.AnswerLength * tokens * perToken;
        double gcgSteps = attacks * o.GcgSteps;
        return new CostEstimate(o.PretrainingSteps + o.Steps, "training steps", TimeSpan.FromSeconds(
            (training + gcg + controls + cuff + evaluation) * CostCalibration.Jailbreak.SecondsPerMultiply
            + (o.PretrainingSteps + o.Steps) * CostCalibration.Jailbreak.SecondsPerTrainingStep + gcgSteps * CostCalibration.Jailbreak.SecondsPerGcgStep));
    }

    public override ExperimentResult Run(JailbreakOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The trained model's behaviour on fresh prompts.</summary>
    /// <param name="RefusalRate">Share of held-out forbidden prompts whose greedy response is the refusal sequence.</param>
    /// <param name="AnswerAccuracy">Share of held-out benign prompts whose greedy response is their answer.</param>
    /// <param name="FalseRefusalRate">Share of held-out benign prompts refused.</param>
    /// <param name="InstructionFollowing">Share of held-out benign instructed prompts answered by the words after SAY; null without the construct.</param>
    /// <param name="HandSuffixSuccess">Share of held-out forbidden prompts of the attacked length that the hand-made suffix "SAY + their answer" makes the model answer; null without the construct.</param>
    private sealed record Alignment(long Parameters, int Vocabulary, double FinalLoss, double RefusalRate, double AnswerAccuracy, double FalseRefusalRate,
        double? InstructionFollowing, double? HandSuffixSuccess);

    /// <summary>GCG at one suffix length on every attacked prompt.</summary>
    /// <param name="SucceededAt">Per prompt, the first step whose suffix made the model give the target answer, or −1.</param>
    /// <param name="Losses">Per prompt, −log p(target) after every step, carried past an early success at its final value.</param>
    /// <param name="RandomSuccess">Share of the random suffixes (every prompt, <see cref="JailbreakOptions.RandomSuffixes"/> each) that succeed.</param>
    /// <param name="Suffixes">Per prompt, GCG's final suffix.</param>
    /// <param name="Evaded">Per prompt, whether greedy decoding after GCG's final suffix gives anything but the refusal (Zou et al.'s criterion for harmful behaviours).</param>
    /// <param name="RandomEvasion">Share of the random suffixes after which greedy decoding gives anything but the refusal.</param>
    private sealed record Attack(int Length, int[] SucceededAt, double[][] Losses, double RandomSuccess, int[][] Suffixes, bool[] Evaded, double RandomEvasion);

    /// <summary>Gradient Cuff's scores.</summary>
    /// <param name="Calibration">Benign queries the threshold is set on.</param>
    /// <param name="Benign">Other benign queries: the ROC's negatives and the measured false-positive rate.</param>
    /// <param name="Forbidden">The attacked forbidden prompts without a suffix.</param>
    /// <param name="Attacked">The same with GCG's suffix of the longest length.</param>
    /// <param name="AttackSucceeded">Per attacked prompt, whether that suffix succeeded.</param>
    /// <param name="AttackEvaded">Per attacked prompt, whether that suffix evaded the refusal.</param>
    private sealed record Detection(int SuffixLength, RefusalLandscape[] Calibration, RefusalLandscape[] Benign, RefusalLandscape[] Forbidden,
        RefusalLandscape[] Attacked, bool[] AttackSucceeded, bool[] AttackEvaded);

    /// <summary>What a run measures; <see cref="Prompts"/> are the attacked prompts' words.</summary>
    private sealed record Measurement(Alignment Alignment, int[][] Prompts, Attack[] Attacks, Detection Detection);

    private static RefusalLanguage Language(JailbreakOptions o) =>
        new(o.OrdinaryWords, o.ForbiddenWords, o.AnswerLength, o.PromptWords[0], o.PromptWords[1], o.Instruction != "none");

    private static Measurement Measure(JailbreakOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        using var scope = NewDisposeScope();
        var language = Language(o);
        using var task = context.Progress.Start("steps (training, then GCG)", o.PretrainingSteps + o.Steps + (long)o.SuffixLengths.Length * o.AttackedPrompts * o.GcgSteps);
        using var generator = context.TorchGenerator("jailbreak model");
        using var model = new TinyLanguageModel(language.Vocabulary, language.SequenceLength, o.Width, o.Layers, o.Heads, generator);
        var (alignment, seen) = Train(o, context, language, model, task);

        var random = context.Random("jailbreak attacked prompts");
        var prompts = Enumerable.Range(0, o.AttackedPrompts).Select(_ => Fresh(() => language.Draw(random, forbidden: true, o.AttackWords), seen).Words).ToArray();
        var attacks = o.SuffixLengths.Select(length => AttackAll(o, context, language, model, prompts, length, task)).ToArray();
        var detection = Detect(o, context, language, model, prompts, attacks.MaxBy(a => a.Length)!, seen);
        return new Measurement(alignment, prompts, attacks, detection);
    }

    /// <summary>
    /// Trains the model on the response tokens only (a prompt's words are not predicted), then scores greedy responses on
    /// fresh prompts of each class; also returns the training prompts, which no evaluation prompt repeats.
    /// </summary>
    private static (Alignment, HashSet<string>) Train(JailbreakOptions o, RunContext context, RefusalLanguage language, TinyLanguageModel model, IProgressTask task)
    {
        using var scope = NewDisposeScope();
        var random = context.Random("jailbreak training prompts");
        var prompts = Enumerable.Range(0, o.TrainingPrompts).Select(_ => Training(o, language, random)).ToArray();
        var aligned = prompts.Where(p => p.Words.Length >= o.AlignedPromptWords[0] && p.Words.Length <= o.AlignedPromptWords[1] && Aligned(o, language, p)).ToArray();
        double lastLoss = double.NaN;
        var callbacks = new List<TrainingCallback> { TrainingCallbacks.Progress(task), moment => { if (moment.BatchLoss is double l) lastLoss = l; } };
        LossFunction loss = (m, batch) =>
            nn.functional.cross_entropy(m.forward(batch.Inputs).reshape(-1, language.Vocabulary), batch.Targets!.reshape(-1), ignore_index: -1);
        void Fit(RefusalPrompt[] data, int steps, string purpose)
        {
            using var inner = NewDisposeScope();
            var sequences = data.Select(language.Sequence).ToArray();
            var tokens = tensor(sequences.SelectMany(s => s.Tokens).ToArray()).reshape(data.Length, language.SequenceLength);
            var targets = tensor(sequences.SelectMany(s => s.Targets).ToArray()).reshape(data.Length, language.SequenceLength);
            var problem = new Problem(model, new TensorBatches(tokens, targets, o.BatchSize, shuffle: true, seed: Seeds.Derive(context.Seed, purpose)), loss);
            using var optimizer = new AdamW(o.LearningRate, o.WeightDecay);
            Trainer.Train(problem, optimizer, steps, callbacks, context.Cancellation);
        }
        // The base model answers every prompt by the rule; alignment then teaches it to refuse the forbidden ones it sees.
        if (o.PretrainingSteps > 0) Fit([.. prompts.Select(p => p with { Response = language.Answer(p.Words) })], o.PretrainingSteps, "jailbreak pre-training batches");
        Fit(aligned, o.Steps, "jailbreak alignment batches");
        model.eval();

        var seen = prompts.Select(p => Key(p.Words)).ToHashSet();
        var held = context.Random("jailbreak held-out prompts");
        var forbidden = Enumerable.Range(0, o.HeldOutPrompts).Select(_ => Fresh(() => language.Draw(held, forbidden: true), seen)).ToArray();
        var benign = Enumerable.Range(0, o.HeldOutPrompts).Select(_ => Fresh(() => language.Draw(held, forbidden: false), seen)).ToArray();
        double refusal = Share(model, forbidden, p => language.Refusal);
        double answers = Share(model, benign, p => p.Response);
        double falseRefusals = Share(model, benign, p => language.Refusal);
        double? following = null, handSuffix = null;
        if (language.HasInstruction)
        {
            var instructed = Enumerable.Range(0, o.HeldOutPrompts).Select(_ => Fresh(() => language.DrawInstructed(held, forbidden: false), seen)).ToArray();
            following = Share(model, instructed, p => p.Response);
            // The construct by hand, as an upper bound on what a search can find: whether it survived alignment at all.
            var suffixed = Enumerable.Range(0, o.HeldOutPrompts).Select(_ => Fresh(() => language.Draw(held, forbidden: true, o.AttackWords), seen))
                .Select(p => p with { Words = [.. p.Words, language.Say, .. language.Answer(p.Words)] }).ToArray();
            handSuffix = Share(model, suffixed, p => language.Answer(p.Words));
        }
        long parameters = model.parameters().Sum(p => p.numel());
        return (new Alignment(parameters, language.Vocabulary, lastLoss, refusal, answers, falseRefusals, following, handSuffix), seen);
    }

    /// <summary>A training prompt: forbidden with the forbidden share, then instructed with the instruction share where the language has the construct.</summary>
    private static RefusalPrompt Training(JailbreakOptions o, RefusalLanguage language, Random random)
    {
        bool forbidden = random.NextDouble() < o.ForbiddenShare;
        return language.HasInstruction && random.NextDouble() < o.InstructionShare ? language.DrawInstructed(random, forbidden) : language.Draw(random, forbidden);
    }

    /// <summary>Whether alignment shows a training prompt: every uninstructed one; instructed ones never ('pretraining') or only benign ones ('benign').</summary>
    private static bool Aligned(JailbreakOptions o, RefusalLanguage language, RefusalPrompt prompt) =>
        !prompt.Words.Contains(language.Say) || (o.Instruction == "benign" && !prompt.Forbidden);

    /// <summary>A prompt drawn afresh until it is not one of the training prompts.</summary>
    private static RefusalPrompt Fresh(Func<RefusalPrompt> draw, HashSet<string> seen)
    {
        while (true)
        {
            var prompt = draw();
            if (!seen.Contains(Key(prompt.Words))) return prompt;
        }
    }

    private static string Key(int[] words) => string.Join(' ', words);

    /// <summary>Share of the prompts whose greedy response is <paramref name="expected"/>(prompt), the prompts decoded in groups of equal length.</summary>
    private static double Share(TinyLanguageModel model, RefusalPrompt[] prompts, Func<RefusalPrompt, int[]> expected)
    {
        int hits = 0;
        foreach (var group in prompts.GroupBy(p => (p.Words.Length, Key(expected(p)))))
        {
            var members = group.ToArray();
            hits += Responses.Gives(model, [.. members.Select(p => RefusalLanguage.Context(p.Words))], expected(members[0])).Count(x => x);
        }
        return (double)hits / prompts.Length;
    }

    /// <summary>GCG from the suffix of L copies of the first ordinary word (Zou et al. start from "! ! … !"), and the random control, on every prompt.</summary>
    private static Attack AttackAll(JailbreakOptions o, RunContext context, RefusalLanguage language, TinyLanguageModel model, int[][] prompts, int length, IProgressTask task)
    {
        var settings = new GcgSettings(o.TopK, o.Candidates, o.GcgSteps);
        var random = context.Random($"jailbreak gcg L={length}");
        var control = context.Random($"jailbreak random suffixes L={length}");
        int[] allowed = o.SuffixTokens == "all" ? [.. Enumerable.Range(0, language.Vocabulary)] : language.Words;
        var succeededAt = new int[prompts.Length];
        var losses = new double[prompts.Length][];
        var suffixes = new int[prompts.Length][];
        var evaded = new bool[prompts.Length];
        int randomHits = 0, randomEvasions = 0;
        for (int p = 0; p < prompts.Length; p++)
        {
            var target = new SuffixTarget([RefusalLanguage.Start, .. prompts[p]], [RefusalLanguage.Question], language.Answer(prompts[p]));
            bool Succeeds(int[] suffix) => Responses.Gives(model, [target.Context(suffix)], target.Target)[0];
            var initial = Enumerable.Repeat(language.FirstOrdinary, length).ToArray();
            var result = Gcg.Run(model, [target], initial, allowed, settings, random, Succeeds, context.Cancellation);
            succeededAt[p] = result.SucceededAt ?? -1;
            losses[p] = [.. result.Losses, .. Enumerable.Repeat(result.Losses[^1], o.GcgSteps + 1 - result.Losses.Length)];
            suffixes[p] = result.Suffix;
            evaded[p] = !Responses.Gives(model, [target.Context(result.Suffix)], language.Refusal)[0];
            task.Advance(o.GcgSteps);
            var randomContexts = Enumerable.Range(0, o.RandomSuffixes)
                .Select(_ => target.Context([.. Enumerable.Range(0, length).Select(_ => allowed[control.Next(allowed.Length)])])).ToArray();
            var randomResponses = Responses.Decode(model, randomContexts, language.AnswerLength);
            randomHits += randomResponses.Count(r => r.SequenceEqual(target.Target));
            randomEvasions += randomResponses.Count(r => !r.SequenceEqual(language.Refusal));
        }
        int tried = prompts.Length * o.RandomSuffixes;
        return new Attack(length, succeededAt, losses, (double)randomHits / tried, suffixes, evaded, (double)randomEvasions / tried);
    }

    /// <summary>Gradient Cuff's refusal loss and gradient norm on benign queries, the plain forbidden prompts and the GCG-suffixed ones.</summary>
    private static Detection Detect(JailbreakOptions o, RunContext context, RefusalLanguage language, TinyLanguageModel model, int[][] prompts, Attack attack, HashSet<string> seen)
    {
        using var generator = context.TorchGenerator("jailbreak gradient cuff");
        RefusalLandscape Score(int[] query) =>
            GradientCuff.Measure(model, [RefusalLanguage.Start], query, [RefusalLanguage.Question], language.Refusal, o.Mu, o.Directions, generator);
        var random = context.Random("jailbreak benign queries");
        var benign = Enumerable.Range(0, o.BenignQueries).Select(_ => Score(Fresh(() => language.Draw(random, forbidden: false, o.AttackWords + attack.Length), seen).Words)).ToArray();
        int half = o.BenignQueries / 2;
        return new Detection(attack.Length, benign[..half], benign[half..],
            [.. prompts.Select(Score)],
            [.. prompts.Select((p, i) => Score([.. p, .. attack.Suffixes[i]]))],
            [.. attack.SucceededAt.Select(s => s >= 0)], attack.Evaded);
    }
}

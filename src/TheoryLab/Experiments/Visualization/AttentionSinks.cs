using TheoryLab.Data.Text;
using TheoryLab.Data.Toy;
using TheoryLab.Kernel;
using TheoryLab.Models.Transformers;
using TheoryLab.Options;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// Options of <see cref="AttentionSinks"/>. Defaults: a character-level GPT-2-shaped model of 3 layers, 4 heads and
/// width 64 with a context of 64 characters, trained by AdamW for 800 steps on the GNU GPL version 3 that Debian's
/// base-files installs (Xiao et al. studied Llama-2, MPT, Falcon and Pythia models of 7 to 70 billion parameters and
/// contexts of thousands of tokens; this is about 150,000 parameters for a 2-core CPU), and a 2-layer model on a
/// minimal catch-tag-release task.
/// </summary>
public sealed record AttentionSinksOptions
{
    [Option("Text file the language model learns, read as characters (the last part is held out); the default ships with Debian's essential package base-files.")]
    public string Corpus { get; init; } = CharacterCorpus.DebianGpl3;

    [Option("Fraction of the corpus held out, from its end: the evaluation windows and the streamed text come from it.", Min = 0.02, Max = 0.5)]
    public double HeldOutFraction { get; init; } = 0.1;

    [Option("Context W of the language model in tokens, the start token and W − 1 characters: its learned position embeddings and the streaming window (Xiao et al.'s models had 2,048 to 4,096 tokens).", Min = 8, Max = 1024, Unit = "tokens")]
    public int Context { get; init; } = 64;

    [Option("Width d of the residual stream of both models (a multiple of heads).", Min = 8, Max = 1024)]
    public int Width { get; init; } = 64;

    [Option("Transformer blocks of the language model.", Min = 1, Max = 24, Unit = "layers")]
    public int Layers { get; init; } = 3;

    [Option("Attention heads per block of both models.", Min = 1, Max = 32, Unit = "heads")]
    public int Heads { get; init; } = 4;

    [Option("AdamW steps of the language model (more overfit the 31,000 training characters of the default corpus: the held-out loss is lowest near 800).", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int Steps { get; init; } = 800;

    [Option("Windows per mini-batch: the start token and W characters from any offset of the training text.", Min = 1, Max = 4096, Unit = "windows")]
    public int BatchSize { get; init; } = 32;

    [Option("AdamW's step η for both models.", Min = 1e-6, Max = 1)]
    public double LearningRate { get; init; } = 2e-3;

    [Option("AdamW's decoupled weight decay λ for both models (0.1, as GPT-3 and Llama were trained; 0 is plain Adam).", Min = 0, Max = 10)]
    public double WeightDecay { get; init; } = 0.1;

    [Option("Checkpoints through training at which the attention on the first token is measured, evenly spaced (step 0 and the last included).", Min = 1, Max = 1000, Unit = "evaluations")]
    public int Evaluations { get; init; } = 20;

    [Option("Held-out windows (and task sequences) on which attention, norms, losses and interventions are measured.", Min = 4, Max = 10_000, Unit = "windows")]
    public int EvaluationWindows { get; init; } = 64;

    [Option("First query position averaged in the first-token attention mass: earlier queries see so few tokens that they attend to the first one by necessity.", Min = 1, Max = 1023)]
    public int QueriesFrom { get; init; } = 8;

    [Option("A head is a sink when its mean attention on the first token reaches this.", Min = 0.05, Max = 1)]
    public double SinkThreshold { get; init; } = 0.5;

    [Option("Sink tokens k that StreamingLLM keeps at the front of its window (Xiao et al. keep 4).", Min = 1, Max = 64, Unit = "tokens")]
    public int SinkTokens { get; init; } = 4;

    [Option("Held-out characters streamed through the three windows (must exceed W, whose first W tokens need no eviction).", Min = 16, Max = 100_000, Unit = "tokens")]
    public int StreamLength { get; init; } = 512;

    [Option("Tokens per sequence of the catch-tag-release task, start and query included.", Min = 10, Max = 512, Unit = "tokens")]
    public int TaskLength { get; init; } = 24;

    [Option("Distinct letters of the task.", Min = 2, Max = 256)]
    public int TaskLetters { get; init; } = 8;

    [Option("Shortest and longest caught run of the task, whose length is the answer.", Min = 1, Max = 64, Unit = "letters")]
    public int[] TaskRuns { get; init; } = [2, 6];

    [Option("Transformer blocks of the task's model.", Min = 1, Max = 24, Unit = "layers")]
    public int TaskLayers { get; init; } = 2;

    [Option("AdamW steps of the task's model.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int TaskSteps { get; init; } = 1500;

    [Option("Task sequences drawn for training (fresh ones are drawn for evaluation and the probe).", Min = 16, Max = 1_000_000, Unit = "sequences")]
    public int TaskExamples { get; init; } = 20_000;

    [Option("Ridge λ of the linear probe on standardised residual streams.", Min = 1e-8, Max = 1e4)]
    public double ProbeRidge { get; init; } = 1e-3;

    [Option("Tokens V of the Bigram-Backcopy chain, triggers included (BOS comes on top).", Min = 3, Max = 1024, Unit = "tokens")]
    public int BigramTokens { get; init; } = 64;

    [Option("Trigger tokens of the Bigram-Backcopy task, after which the next token copies the one before the trigger.", Min = 1, Max = 1023, Unit = "tokens")]
    public int BigramTriggers { get; init; } = 3;

    [Option("Tokens per Bigram-Backcopy sequence, BOS included.", Min = 4, Max = 1024, Unit = "tokens")]
    public int BigramLength { get; init; } = 64;

    [Option("Transformer blocks of the Bigram-Backcopy model, one head each as in Guo et al. (2024), who use one to three.", Min = 1, Max = 24, Unit = "layers")]
    public int BigramLayers { get; init; } = 1;

    [Option("AdamW steps of the Bigram-Backcopy model.", Min = 1, Max = 10_000_000, Unit = "steps")]
    public int BigramSteps { get; init; } = 2000;

    [Option("AdamW's step η for the Bigram-Backcopy model (at 2·10⁻³ the sink forms more slowly: 0.3 to 0.49 of the dormant queries' attention within 2,000 steps).", Min = 1e-6, Max = 1)]
    public double BigramLearningRate { get; init; } = 5e-3;

    [Option("Bigram-Backcopy sequences drawn for training (fresh ones are drawn for evaluation).", Min = 16, Max = 1_000_000, Unit = "sequences")]
    public int BigramExamples { get; init; } = 20_000;

    [OptionGroup]
    public ThreadOptions Runtime { get; init; } = new();
}

/// <summary>
/// Attention sinks (Xiao et al. 2024) in a small causal transformer trained on the machine: attention piling onto
/// the first token as training goes on, the first token's residual norm, what removing, replacing or hiding it does,
/// StreamingLLM's window that keeps it against a plain sliding window, and a catch-tag-release task (Zhang, Khan &amp;
/// Papyan 2025) whose tag a linear probe reads from the residual stream.
/// </summary>
public sealed partial class AttentionSinks : Experiment<AttentionSinksOptions>
{
    public override string Id => "attention-sinks";
    public override string Title => "Attention sinks: the first token, streaming windows and catch, tag, release";
    public override Topic Topic => Topic.Visualization;
    public override IReadOnlyList<string> Papers => ["xiao2024efficient", "zhang2025attention", "vaswani2017attention", "radford2019language", "guo2024active"];

    public override string Summary =>
        "Trains a GPT-2-shaped character model (learned positions, pre-LayerNorm blocks) on a text and records the attention mass on the first " +
        "token by layer and head through training and the step at which sinks appear; the residual-stream norm of the first token against the " +
        "others; the held-out loss with the first token removed, replaced or hidden from attention; and the perplexity of a long text streamed " +
        "through a plain sliding window, StreamingLLM's window that keeps the first k tokens, and a recomputed window. A second model learns a " +
        "minimal catch-tag-release task (count the letters caught between two markers) and a linear probe reads the tag from its residual stream. " +
        "A third, one-head model learns Guo et al.'s Bigram-Backcopy task, where a sink provably forms: its head attends to BOS on non-trigger queries " +
        "(dormant) and to the token before a trigger on trigger queries (active), with BOS's value and residual norms and the copy without BOS.";

    public override AttentionSinksOptions Quick => Defaults with
    {
        Context = 32,
        Width = 32,
        Layers = 2,
        Steps = 150,
        BatchSize = 16,
        Evaluations = 5,
        EvaluationWindows = 16,
        QueriesFrom = 4,
        StreamLength = 96,
        TaskLength = 16,
        TaskSteps = 150,
        TaskExamples = 2000,
        BigramTokens = 16,
        BigramTriggers = 2,
        BigramLength = 24,
        BigramSteps = 300,
        BigramExamples = 2000,
    };

    protected override IEnumerable<string> Inconsistencies(AttentionSinksOptions o)
    {
        if (o.Width % o.Heads != 0) yield return $"width {o.Width} must be a multiple of heads {o.Heads}; change one of them.";
        if (o.QueriesFrom >= Math.Min(o.Context, o.TaskLength)) yield return $"queries_from must be below the context ({o.Context}) and the task length ({o.TaskLength}).";
        if (o.SinkTokens >= o.Context) yield return $"sink_tokens ({o.SinkTokens}) must be below the context ({o.Context}).";
        if (o.StreamLength <= o.Context + 1) yield return $"stream_length must exceed the context + 1 ({o.Context + 1}) so that the windows evict tokens.";
        if (o.BigramTriggers >= o.BigramTokens) yield return $"bigram_triggers ({o.BigramTriggers}) must be below bigram_tokens ({o.BigramTokens}).";
        if (o.QueriesFrom >= o.BigramLength - 1) yield return $"queries_from must be below bigram_length − 1 ({o.BigramLength - 1}).";
        if (o.TaskRuns.Length != 2 || o.TaskRuns[0] > o.TaskRuns[1]) yield return "task_runs takes two numbers, the shortest run and the longest.";
        else if (o.TaskLength < o.TaskRuns[1] + 4) yield return $"task_length must be at least the longest run + 4 ({o.TaskRuns[1] + 4}).";
    }

    /// <summary>AdamW steps of batch × tokens × (12 L d² + 2 L T d) multiplies, the blocks' products, plus the evaluation passes.</summary>
    public override CostEstimate EstimateCost(AttentionSinksOptions o)
    {
        static double PerToken(int layers, int width, int tokens, int vocabulary) =>
            layers * (12.0 * width * width + 2.0 * tokens * width) + width * vocabulary;
        double text = (double)o.Steps * o.BatchSize * o.Context * PerToken(o.Layers, o.Width, o.Context, 100);
        double task = (double)o.TaskSteps * o.BatchSize * o.TaskLength * PerToken(o.TaskLayers, o.Width, o.TaskLength, 32);
        double bigram = (double)o.BigramSteps * o.BatchSize * o.BigramLength * PerToken(o.BigramLayers, o.Width, o.BigramLength, o.BigramTokens + 1);
        double stream = (double)o.StreamLength * o.Context * PerToken(o.Layers, o.Width, o.Context, 100) * 3 / 3;   // three windows, forward only
        int steps = o.Steps + o.TaskSteps + o.BigramSteps;
        return new CostEstimate(steps, "steps", TimeSpan.FromSeconds(
            (text + task + bigram + stream) * CostCalibration.AttentionSinks.SecondsPerMultiply + steps * CostCalibration.AttentionSinks.SecondsPerStep));
    }

    public override ExperimentResult Run(AttentionSinksOptions o, RunContext context) => Present(o, Measure(o, context));

    /// <summary>The first-token attention of every head at one checkpoint.</summary>
    /// <param name="Mass">[layer][head]: the attention weight on position 0, mean over windows and queries from <see cref="AttentionSinksOptions.QueriesFrom"/> on.</param>
    /// <param name="Loss">The held-out loss there (nats per predicted token).</param>
    /// <param name="Accuracy">The task's answer accuracy there; NaN for the language model.</param>
    private sealed record Checkpoint(long Step, double[][] Mass, double Loss, double Accuracy);

    /// <summary>A held-out loss (and, for the task, accuracy) under one intervention on the first token.</summary>
    private sealed record Intervention(string Name, double Loss, double Accuracy);

    /// <summary>The language model on the corpus.</summary>
    /// <param name="Norms">[residual][position]: mean ‖h‖ of the residual stream entering block 1 (l = 0) and after block l.</param>
    /// <param name="StreamLosses">Per method (window, sinks, recomputed), the loss of predicting streamed token t + 1, t = 0 … length − 2.</param>
    private sealed record TextStudy(string Corpus, int Characters, int Alphabet, int TrainCharacters, long Parameters, List<Checkpoint> Checkpoints,
        double[][] Norms, List<Intervention> Interventions, char Replacement, double[][] StreamLosses);

    /// <summary>The catch-tag-release model.</summary>
    /// <param name="ProbeAccuracy">[residual]: held-out accuracy of the probe for 'inside the caught run' on the letters' residual streams.</param>
    /// <param name="ProbeChance">The majority class's share of the probe's held-out letters.</param>
    private sealed record TaskStudy(long Parameters, List<Checkpoint> Checkpoints, double[][] Norms, double[] ProbeAccuracy, double ProbeChance,
        int ProbeTrain, int ProbeTest, List<Intervention> Interventions, int Answers);

    /// <summary>The first-token attention of the Bigram-Backcopy model at one checkpoint, split by query.</summary>
    /// <param name="Dormant">[layer][head]: mean attention on BOS of non-trigger queries (from <see cref="AttentionSinksOptions.QueriesFrom"/> on), where nothing needs fetching.</param>
    /// <param name="Active">[layer][head]: the same for trigger queries, which must fetch the token before.</param>
    /// <param name="BigramLoss">Held-out loss at the non-trigger positions (nats).</param>
    /// <param name="CopyAccuracy">Share of trigger positions whose most likely next token is the copy.</param>
    private sealed record BigramCheckpoint(long Step, double[][] Dormant, double[][] Active, double BigramLoss, double CopyAccuracy);

    /// <summary>A Bigram-Backcopy held-out score under one intervention on BOS.</summary>
    private sealed record BigramIntervention(string Name, double BigramLoss, double CopyAccuracy);

    /// <summary>The Bigram-Backcopy model.</summary>
    /// <param name="Entropy">The chain's exact conditional entropy at non-trigger positions: the least loss there.</param>
    /// <param name="Norms">[residual][position]: mean residual norm, as <see cref="TextStudy.Norms"/>.</param>
    /// <param name="ValueNorms">[layer][position]: mean norm of the attention's values (heads concatenated).</param>
    /// <param name="TriggerShare">Share of the measured queries that are triggers.</param>
    private sealed record BigramStudy(long Parameters, double Entropy, List<BigramCheckpoint> Checkpoints, double[][] Norms, double[][] ValueNorms,
        List<BigramIntervention> Interventions, double TriggerShare, int Queries);

    private sealed record Measurement(TextStudy Text, TaskStudy Task, BigramStudy Bigram);

    /// <summary>The three windows of the streaming evaluation, in the order of <see cref="TextStudy.StreamLosses"/>.</summary>
    private static readonly string[] StreamMethods = ["window", "sinks", "recomputed"];

    private static Measurement Measure(AttentionSinksOptions o, RunContext context)
    {
        TorchSetup.Prepare(context.Device);
        using var threads = IntraOpThreads.Use(o.Runtime.Threads);
        var corpus = CharacterCorpus.Read(o.Corpus, MinimumCharacters(o));
        using var task = context.Progress.Start("training steps", o.Steps + o.TaskSteps + o.BigramSteps);
        var text = MeasureText(o, context, corpus, task);
        var catchTag = MeasureTask(o, context, task);
        return new Measurement(text, catchTag, MeasureBigram(o, context, task));
    }

    /// <summary>Enough text for training windows, the held-out windows and the stream.</summary>
    private static int MinimumCharacters(AttentionSinksOptions o) =>
        (int)Math.Ceiling(Math.Max(o.StreamLength, o.Context + o.EvaluationWindows) / o.HeldOutFraction) + 1;

    private static TextStudy MeasureText(AttentionSinksOptions o, RunContext context, CharacterCorpus corpus, IProgressTask progress)
    {
        using var scope = NewDisposeScope();
        int n = corpus.Tokens.Length, heldOutStart = (int)Math.Round(n * (1 - o.HeldOutFraction)), w = o.Context;
        // Every window opens with a start token of its own, as Xiao et al. pre-train a dedicated sink token
        // (their Section 3.3): one token the model sees first every time.
        long start = corpus.Alphabet.Count;
        var all = tensor(corpus.Tokens.Select(t => (long)t).ToArray());
        var windows = WithStart(all[..heldOutStart].unfold(0, w, 1), start);
        var heldOut = all[heldOutStart..];
        // Evaluation windows evenly spaced through the held-out text.
        int spare = (int)heldOut.shape[0] - w;
        var evaluation = WithStart(stack([.. Enumerable.Range(0, o.EvaluationWindows).Select(i => heldOut[(int)((long)i * spare / Math.Max(o.EvaluationWindows - 1, 1))..][..w])]), start);

        using var generator = context.TorchGenerator("attention-sinks text model");
        using var model = new TinyLanguageModel(corpus.Alphabet.Count + 1, w, o.Width, o.Layers, o.Heads, generator);
        var checkpoints = new List<Checkpoint>();
        var inputs = evaluation[.., ..w];
        var steps = TrainingCallbacks.EvenlySpaced(o.Steps, Math.Min(o.Evaluations, o.Steps));
        var callbacks = new List<TrainingCallback>
        {
            TrainingCallbacks.Progress(progress),
            TrainingCallbacks.At(steps, moment => checkpoints.Add(TextCheckpoint(o, model, evaluation, moment.Step))),
        };
        LossFunction loss = (m, batch) => ((TinyLanguageModel)m).NextTokenLoss(batch.Inputs);
        var problem = new Problem(model, new TensorBatches(windows, null, o.BatchSize, shuffle: true, seed: Seeds.Derive(context.Seed, "attention-sinks text batches")), loss);
        using (var optimizer = new AdamW(o.LearningRate, o.WeightDecay)) Trainer.Train(problem, optimizer, o.Steps, callbacks, context.Cancellation);

        using var noGrad = no_grad();
        model.eval();
        var norms = Norms(model.Trace(inputs));
        int frequent = corpus.Tokens.GroupBy(t => t).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var interventions = TextInterventions(model, evaluation, frequent);
        var stream = cat([tensor(new[] { start }), heldOut[..(o.StreamLength - 1)]]);
        return new TextStudy(corpus.Path, n, corpus.Alphabet.Count, heldOutStart, Count(model), checkpoints, norms, interventions,
            corpus.Alphabet[frequent], Stream(o, model, stream));
    }

    /// <summary>The windows [n, length] with the start token in front: [n, length + 1].</summary>
    private static Tensor WithStart(Tensor windows, long start)
    {
        using var token = start.ToScalar();
        return cat([full(windows.shape[0], 1, token, dtype: int64), windows], 1);
    }

    private static Checkpoint TextCheckpoint(AttentionSinksOptions o, TinyLanguageModel model, Tensor evaluation, long step)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var trace = model.Trace(evaluation[.., ..^1]);
        return new Checkpoint(step, FirstTokenMass(trace, o.QueriesFrom), Loss(trace.Logits, evaluation[.., 1..]), double.NaN);
    }

    /// <summary>
    /// The loss of predicting the same held-out characters (positions 2 … W of each window) intact, with the start
    /// token dropped (the rest move one position down), replaced by the most frequent character, and hidden from
    /// every later query's attention.
    /// </summary>
    private static List<Intervention> TextInterventions(TinyLanguageModel model, Tensor evaluation, int frequent)
    {
        int w = (int)evaluation.shape[1] - 1;
        var inputs = evaluation[.., ..w];
        var targets = evaluation[.., 2..];
        double Scored(Tensor logits) => Loss(logits, targets);
        var replaced = inputs.clone();
        replaced[.., 0] = tensor((long)frequent);
        return
        [
            new("intact", Scored(model.Trace(inputs).Logits[.., 1..]), double.NaN),
            new("first removed", Scored(model.Trace(inputs[.., 1..]).Logits), double.NaN),
            new("first replaced", Scored(model.Trace(replaced).Logits[.., 1..]), double.NaN),
            new("first hidden", Scored(model.Trace(inputs, hideFirst: true).Logits[.., 1..]), double.NaN),
        ];
    }

    /// <summary>
    /// The loss of every streamed token's successor under the three windows, all recomputed with positions within the
    /// window as StreamingLLM assigns them: a plain window holds the last W − k tokens in slots k … W − 1 (its first
    /// slots emptied by eviction, so what stays sits where it was cached); StreamingLLM's holds the stream's first k
    /// tokens in slots 0 … k − 1 and the last W − k after them; the recomputed one holds the last W in slots 0 … W − 1.
    /// Until the stream outgrows W the three are the same causal pass.
    /// </summary>
    private static double[][] Stream(AttentionSinksOptions o, TinyLanguageModel model, Tensor stream)
    {
        int w = o.Context, k = o.SinkTokens, n = (int)stream.shape[0];
        var losses = StreamMethods.Select(_ => new double[n - 1]).ToArray();
        var prefix = PerToken(model.Trace(stream[..w].unsqueeze(0)).Logits[0], stream[1..(w + 1)]);
        foreach (var method in losses) Array.Copy(prefix, method, w);
        const int Chunk = 64;
        for (int from = w; from < n - 1; from += Chunk)
        {
            int to = Math.Min(from + Chunk, n - 1);
            var ts = Enumerable.Range(from, to - from).ToArray();
            var next = stream[(from + 1)..(to + 1)];
            var recent = stack([.. ts.Select(t => stream[(t - w + k + 1)..(t + 1)])]);
            var window = model.Trace(recent, firstPosition: k).Logits[.., -1];
            var sinks = model.Trace(cat([stream[..k].expand(ts.Length, k), recent], 1)).Logits[.., -1];
            var recomputed = model.Trace(stack([.. ts.Select(t => stream[(t - w + 1)..(t + 1)])])).Logits[.., -1];
            Array.Copy(PerToken(window, next), 0, losses[0], from, ts.Length);
            Array.Copy(PerToken(sinks, next), 0, losses[1], from, ts.Length);
            Array.Copy(PerToken(recomputed, next), 0, losses[2], from, ts.Length);
        }
        return losses;
    }

    private static TaskStudy MeasureTask(AttentionSinksOptions o, RunContext context, IProgressTask progress)
    {
        using var scope = NewDisposeScope();
        var problemSet = new CatchTagRelease(o.TaskLength, o.TaskLetters, o.TaskRuns[0], o.TaskRuns[1]);
        var random = context.Random("attention-sinks task sequences");
        var train = Enumerable.Range(0, o.TaskExamples).Select(_ => problemSet.Draw(random)).ToArray();
        // The evaluation windows, then as many again for fitting the probe and as many for testing it.
        var evaluation = Enumerable.Range(0, 3 * o.EvaluationWindows).Select(_ => problemSet.Draw(random)).ToArray();
        var (trainTokens, trainTargets) = Tensors(train);
        var (evalTokens, evalTargets) = Tensors(evaluation[..o.EvaluationWindows]);
        var evalAnswers = evalTargets[.., -1];

        using var generator = context.TorchGenerator("attention-sinks task model");
        using var model = new TinyLanguageModel(problemSet.Vocabulary, o.TaskLength, o.Width, o.TaskLayers, o.Heads, generator);
        var checkpoints = new List<Checkpoint>();
        var steps = TrainingCallbacks.EvenlySpaced(o.TaskSteps, Math.Min(o.Evaluations, o.TaskSteps));
        var callbacks = new List<TrainingCallback>
        {
            TrainingCallbacks.Progress(progress),
            TrainingCallbacks.At(steps, moment =>
            {
                using var inner = NewDisposeScope();
                using var noGrad = no_grad();
                var trace = model.Trace(evalTokens);
                var answer = trace.Logits[.., -1];
                checkpoints.Add(new Checkpoint(moment.Step, FirstTokenMass(trace, o.QueriesFrom), Loss(answer, evalAnswers), Accuracy(answer, evalAnswers)));
            }),
        };
        // Every position's count is a target, so the model learns from the whole sequence, not the query alone.
        LossFunction loss = (m, batch) => nn.functional.cross_entropy(m.forward(batch.Inputs).reshape(-1, problemSet.Vocabulary), batch.Targets!.reshape(-1));
        var problem = new Problem(model, new TensorBatches(trainTokens, trainTargets, o.BatchSize, shuffle: true, seed: Seeds.Derive(context.Seed, "attention-sinks task batches")), loss);
        using (var optimizer = new AdamW(o.LearningRate, o.WeightDecay)) Trainer.Train(problem, optimizer, o.TaskSteps, callbacks, context.Cancellation);

        using var noGrad = no_grad();
        model.eval();
        var norms = Norms(model.Trace(evalTokens));
        var (accuracy, chance, fitted, tested) = Probe(o, model, evaluation[o.EvaluationWindows..(2 * o.EvaluationWindows)], evaluation[(2 * o.EvaluationWindows)..]);
        var replaced = evalTokens.clone();
        replaced[.., 0] = tensor((long)CatchTagRelease.FirstLetter);
        Intervention Scored(string name, Tensor logits) => new(name, Loss(logits[.., -1], evalAnswers), Accuracy(logits[.., -1], evalAnswers));
        List<Intervention> interventions =
        [
            Scored("intact", model.Trace(evalTokens).Logits),
            Scored("first removed", model.Trace(evalTokens[.., 1..]).Logits),
            Scored("first replaced", model.Trace(replaced).Logits),
            Scored("first hidden", model.Trace(evalTokens, hideFirst: true).Logits),
        ];
        return new TaskStudy(Count(model), checkpoints, norms, accuracy, chance, fitted, tested, interventions, problemSet.Answers);
    }

    /// <summary>
    /// Ridge probes, one per residual stream (the embeddings, then after each block), for whether a letter lies inside
    /// the caught run, fitted on the letters of one set of sequences and scored on another's. Markers, the start and the
    /// query are left out: the probe must tell caught letters from free ones, which are drawn alike.
    /// </summary>
    private static (double[] Accuracy, double Chance, int Fitted, int Tested) Probe(AttentionSinksOptions o, TinyLanguageModel model,
        CatchTagReleaseSequence[] fit, CatchTagReleaseSequence[] test)
    {
        (List<Tensor> Features, int[] Labels) Letters(CatchTagReleaseSequence[] sequences)
        {
            var (tokens, _) = Tensors(sequences);
            var residuals = model.Trace(tokens).Residuals;
            var places = sequences.SelectMany((s, i) => s.Tokens.Select((t, p) => (i, p, t)))
                .Where(x => x.t >= CatchTagRelease.FirstLetter).ToArray();
            var rows = tensor(places.Select(x => (long)x.i).ToArray());
            var columns = tensor(places.Select(x => (long)x.p).ToArray());
            return ([.. residuals.Select(r => r[TensorIndex.Tensor(rows), TensorIndex.Tensor(columns)])], [.. places.Select(x => sequences[x.i].Caught[x.p] ? 1 : 0)]);
        }
        var (fitFeatures, fitLabels) = Letters(fit);
        var (testFeatures, testLabels) = Letters(test);
        var accuracy = fitFeatures.Select((f, l) =>
        {
            using var probe = new RidgeClassifier(f, fitLabels, 2, o.ProbeRidge);
            return 1 - probe.Error(testFeatures[l], testLabels);
        }).ToArray();
        double caught = testLabels.Average();
        return (accuracy, Math.Max(caught, 1 - caught), fitLabels.Length, testLabels.Length);
    }

    /// <summary>
    /// Guo et al.'s Bigram-Backcopy model: one head per block trained on next-token loss over whole sequences; at
    /// checkpoints the attention on BOS of non-trigger queries (dormant) and trigger queries (active), the loss at
    /// non-trigger positions and the copy accuracy; after training the residual and value norms by position and the
    /// scores with BOS removed, replaced or hidden.
    /// </summary>
    private static BigramStudy MeasureBigram(AttentionSinksOptions o, RunContext context, IProgressTask progress)
    {
        using var scope = NewDisposeScope();
        var random = context.Random("attention-sinks bigram-backcopy");
        var chain = new BigramBackcopy(o.BigramTokens, o.BigramTriggers, o.BigramLength, random);
        Tensor Draw(int n) => tensor(Enumerable.Range(0, n).SelectMany(_ => chain.Draw(random).Select(t => (long)t)).ToArray()).reshape(n, o.BigramLength);
        var train = Draw(o.BigramExamples);
        // Four times the evaluation windows: triggers are a few per cent of the queries.
        var evaluation = Draw(4 * o.EvaluationWindows);
        var inputs = evaluation[.., ..^1];
        var targets = evaluation[.., 1..];
        using var triggerCount = o.BigramTriggers.ToScalar();
        var triggers = inputs.lt(triggerCount);

        using var generator = context.TorchGenerator("attention-sinks bigram-backcopy model");
        using var model = new TinyLanguageModel(chain.Vocabulary, o.BigramLength - 1, o.Width, o.BigramLayers, 1, generator);
        var checkpoints = new List<BigramCheckpoint>();
        var steps = TrainingCallbacks.EvenlySpaced(o.BigramSteps, Math.Min(o.Evaluations, o.BigramSteps));
        var callbacks = new List<TrainingCallback>
        {
            TrainingCallbacks.Progress(progress),
            TrainingCallbacks.At(steps, moment =>
            {
                using var inner = NewDisposeScope();
                using var noGrad = no_grad();
                var trace = model.Trace(inputs);
                var (loss, copies) = BigramScores(trace.Logits[.., 1..], triggers[.., 1..], targets[.., 1..]);
                checkpoints.Add(new BigramCheckpoint(moment.Step, BosMass(trace, triggers, o.QueriesFrom, active: false),
                    BosMass(trace, triggers, o.QueriesFrom, active: true), loss, copies));
            }),
        };
        LossFunction objective = (m, batch) => ((TinyLanguageModel)m).NextTokenLoss(batch.Inputs);
        var problem = new Problem(model, new TensorBatches(train, null, o.BatchSize, shuffle: true, seed: Seeds.Derive(context.Seed, "attention-sinks bigram batches")), objective);
        using (var optimizer = new AdamW(o.BigramLearningRate, o.WeightDecay)) Trainer.Train(problem, optimizer, o.BigramSteps, callbacks, context.Cancellation);

        using var noGrad = no_grad();
        model.eval();
        var final = model.Trace(inputs);
        var values = Enumerable.Range(0, o.BigramLayers).Select(l =>
        {
            var v = model.Block(l).Values(final.Residuals[l]);
            return v.transpose(1, 2).flatten(2).to(float64).norm(-1).mean([0]).data<double>().ToArray();
        }).ToArray();
        // Predictions at positions 1 … L − 2, scored alike under every intervention.
        var (queryTokens, queryTriggers, queryTargets) = (inputs[.., 1..], triggers[.., 1..], targets[.., 1..]);
        var replaced = inputs.clone();
        replaced[.., 0] = tensor((long)o.BigramTriggers);   // the first non-trigger token: an ordinary token where BOS was
        BigramIntervention Scored(string name, Tensor logits)
        {
            var (loss, copies) = BigramScores(logits, queryTriggers, queryTargets);
            return new BigramIntervention(name, loss, copies);
        }
        List<BigramIntervention> interventions =
        [
            Scored("intact", final.Logits[.., 1..]),
            Scored("first removed", model.Trace(queryTokens).Logits),
            Scored("first replaced", model.Trace(replaced).Logits[.., 1..]),
            Scored("first hidden", model.Trace(inputs, hideFirst: true).Logits[.., 1..]),
        ];
        var measured = triggers[.., o.QueriesFrom..];
        return new BigramStudy(Count(model), chain.NonTriggerEntropy(), checkpoints, Norms(final), values, interventions,
            measured.to(float64).mean().AsDouble(), (int)measured.numel());
    }

    /// <summary>[layer][head]: the mean attention on BOS of the trigger (active) or non-trigger queries from <paramref name="from"/> on.</summary>
    private static double[][] BosMass(LanguageModelTrace trace, Tensor triggers, int from, bool active)
    {
        var chosen = (active ? triggers : triggers.logical_not())[.., from..].to(float64).unsqueeze(1);
        return [.. trace.Attention.Select(a => (a[.., .., from.., 0].to(float64) * chosen).sum([0, 2]).div(chosen.sum()).data<double>().ToArray())];
    }

    /// <summary>The mean loss at the non-trigger queries and the share of trigger queries whose most likely successor is the copy.</summary>
    private static (double Loss, double CopyAccuracy) BigramScores(Tensor logits, Tensor triggers, Tensor targets)
    {
        var losses = nn.functional.cross_entropy(logits.to(float64).reshape(-1, logits.shape[^1]), targets.reshape(-1), reduction: nn.Reduction.None);
        var isTrigger = triggers.reshape(-1);
        var right = logits.argmax(-1).reshape(-1).eq(targets.reshape(-1));
        return (losses[isTrigger.logical_not()].mean().AsDouble(), right[isTrigger].to(float64).mean().AsDouble());
    }

    /// <summary>The sequences' tokens and targets, [sequences, length] each.</summary>
    private static (Tensor Tokens, Tensor Targets) Tensors(CatchTagReleaseSequence[] sequences)
    {
        int length = sequences[0].Tokens.Length;
        Tensor Rows(Func<CatchTagReleaseSequence, int[]> part) =>
            tensor(sequences.SelectMany(s => part(s).Select(t => (long)t)).ToArray()).reshape(sequences.Length, length);
        return (Rows(s => s.Tokens), Rows(s => s.Targets));
    }

    /// <summary>[layer][head]: the mean attention weight on position 0 of the queries from <paramref name="from"/> on.</summary>
    private static double[][] FirstTokenMass(LanguageModelTrace trace, int from) =>
        [.. trace.Attention.Select(a => a[.., .., from.., 0].to(float64).mean([0, 2]).data<double>().ToArray())];

    /// <summary>[residual][position]: the mean over sequences of the residual stream's norm.</summary>
    private static double[][] Norms(LanguageModelTrace trace) =>
        [.. trace.Residuals.Select(h => h.to(float64).norm(-1).mean([0]).data<double>().ToArray())];

    private static double Loss(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]).to(float64), targets.reshape(-1)).AsDouble();

    private static double[] PerToken(Tensor logits, Tensor targets) =>
        nn.functional.cross_entropy(logits.to(float64), targets, reduction: nn.Reduction.None).data<double>().ToArray();

    private static double Accuracy(Tensor logits, Tensor targets) => logits.argmax(-1).eq(targets).to(float64).mean().AsDouble();

    private static long Count(TinyLanguageModel model) => model.parameters().Sum(p => p.numel());
}

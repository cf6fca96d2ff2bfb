using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Text;

namespace TheoryLab.Experiments.Visualization;

/// <summary>
/// How <see cref="AttentionSinks"/> shows its <see cref="Measurement"/>: first-token attention by layer and head and
/// through training, residual norms by position, the probe, the interventions and the streaming windows, naming
/// columns through <see cref="Columns"/>.
/// </summary>
public sealed partial class AttentionSinks
{
    /// <summary>The columns of every table, declared once for the code that writes and reads them.</summary>
    private static class Columns
    {
        public static readonly Column Layer = new("layer");
        public static readonly Column Head = new("head");
        public static readonly Column Mass = new("first_token_mass");
        public static readonly Column Step = new("step");
        public static readonly Column Uniform = new("uniform_attention");
        public static readonly Column Accuracy = new("answer_accuracy");
        public static readonly Column Position = new("position");
        public static readonly Column Residual = new("residual");
        public static readonly Column ProbeAccuracy = new("probe_accuracy");
        public static readonly Column ProbeChance = new("majority_chance");
        public static readonly Column Intervention = new("intervention");
        public static readonly Column Name = new("name");
        public static readonly Column Loss = new("loss");
        public static readonly Column Token = new("token");
        public static readonly Column Entropy = new("conditional_entropy");
        public static readonly Column CopyAccuracy = new("copy_accuracy");

        /// <summary>The attention on BOS of layer l's (1-based) non-trigger queries.</summary>
        public static Column DormantMass(int layer) => new($"layer{layer}_nontrigger_bos_mass");

        /// <summary>The attention on BOS of layer l's trigger queries.</summary>
        public static Column ActiveMass(int layer) => new($"layer{layer}_trigger_bos_mass");

        /// <summary>The mean norm of layer l's attention values at each position.</summary>
        public static Column ValueNorm(int layer) => new($"value_norm_layer{layer}");

        /// <summary>The largest first-token mass among the heads of block l (1-based) at a checkpoint.</summary>
        public static Column LayerMass(int layer) => new($"layer{layer}_max_mass");

        /// <summary>The mean residual norm at each position, entering block 1 (l = 0) or after block l.</summary>
        public static Column Norm(int residual) => new($"norm_after_block{residual}");

        /// <summary>A streaming window's perplexity over a stretch of the stream.</summary>
        public static Column Perplexity(string method) => new($"{method}_perplexity");
    }

    private static readonly string[] StreamLabels = ["plain window", "first k kept (StreamingLLM)", "recomputed"];

    private static ExperimentResult Present(AttentionSinksOptions o, Measurement m)
    {
        var result = new ExperimentResult();
        AddTextFindings(o, m.Text, result);
        AddTaskFindings(o, m.Task, result);
        AddMass(o, "text", m.Text.Checkpoints, result);
        AddMass(o, "task", m.Task.Checkpoints, result);
        AddEmergence(o, "text", o.Context, m.Text.Checkpoints, result);
        AddEmergence(o, "task", o.TaskLength, m.Task.Checkpoints, result);
        AddNorms(o, m.Text, result);
        AddProbe(o, m.Task, result);
        AddInterventions("text", m.Text.Interventions, result);
        AddInterventions("task", m.Task.Interventions, result);
        AddStreaming(o, m.Text, result);
        AddBigram(o, m.Bigram, result);
        return result;
    }

    /// <summary>The first-token mass of a head that spreads its attention evenly over the tokens it sees, averaged like the measured one.</summary>
    public static double UniformMass(int queriesFrom, int tokens) =>
        Enumerable.Range(queriesFrom, tokens - queriesFrom).Average(t => 1.0 / (t + 1));

    private static string TextSetting(AttentionSinksOptions o, TextStudy t) =>
        $"a {o.Layers}-layer, {o.Heads}-head, d = {o.Width} character model ({t.Parameters:N0} parameters, context W = {o.Context}) trained by AdamW (λ = {NumberText.Short(o.WeightDecay, 3)}) for {o.Steps:N0} steps of {o.BatchSize} windows " +
        $"on the first {t.TrainCharacters:N0} of {t.Characters:N0} characters of {Path.GetFileName(t.Corpus)} ({t.Alphabet} distinct), each window opening with a start token, measured on {o.EvaluationWindows} held-out windows";

    private static string TaskSetting(AttentionSinksOptions o, TaskStudy t) =>
        $"a {o.TaskLayers}-layer, {o.Heads}-head, d = {o.Width} model ({t.Parameters:N0} parameters) trained by AdamW for {o.TaskSteps:N0} steps on {o.TaskExamples:N0} catch-tag-release sequences of " +
        $"{o.TaskLength} tokens ({o.TaskLetters} letters, runs of {o.TaskRuns[0]} to {o.TaskRuns[1]}), measured on {o.EvaluationWindows} fresh sequences";

    /// <summary>The first checkpoint at which some head's first-token mass reaches the threshold, or null.</summary>
    private static Checkpoint? Emergence(AttentionSinksOptions o, List<Checkpoint> checkpoints) =>
        checkpoints.FirstOrDefault(c => c.Mass.Any(layer => layer.Any(mass => mass >= o.SinkThreshold)));

    private static void AddSinkFindings(AttentionSinksOptions o, string slug, List<Checkpoint> checkpoints, int tokens, string setting, ExperimentResult result)
    {
        var last = checkpoints[^1];
        var (mass, layer, head) = last.Mass.SelectMany((heads, l) => heads.Select((v, h) => (v, l + 1, h + 1))).MaxBy(x => x.v);
        double uniform = UniformMass(o.QueriesFrom, tokens);
        result.Add(new Finding($"first_token_mass_max_{slug}", mass, "1",
            $"The largest attention weight on the first token among all heads after training (layer {layer}, head {head}), mean over queries {o.QueriesFrom} … {tokens - 1}, for {setting}. " +
            $"A head attending evenly would give {NumberText.Short(uniform, 3)} (its value at initialisation); Xiao et al. (2024) find every head above the bottom two layers of Llama-2 attending heavily to the first token."));
        int sinks = last.Mass.Sum(heads => heads.Count(v => v >= o.SinkThreshold));
        result.Add(new Finding($"sink_heads_{slug}", sinks, "heads",
            $"Heads of {last.Mass.Length * last.Mass[0].Length} whose mean attention on the first token is at least {NumberText.Short(o.SinkThreshold, 2)} after training, {setting}."));
        var emerged = Emergence(o, checkpoints);
        string meaning = $"The first checkpoint (of {checkpoints.Count}, every {NumberText.Short((double)checkpoints[^1].Step / Math.Max(checkpoints.Count - 1, 1), 4)} steps) at which some head puts at least {NumberText.Short(o.SinkThreshold, 2)} of its attention on the first token, {setting}.";
        result.Add(emerged is null
            ? Finding.NotReached($"sink_emergence_step_{slug}", "steps", meaning + " No head got there: at this scale no sink forms (docs/visualisation.md says why).")
            : new Finding($"sink_emergence_step_{slug}", emerged.Step, "steps", meaning));
    }

    private static void AddTextFindings(AttentionSinksOptions o, TextStudy t, ExperimentResult result)
    {
        string setting = TextSetting(o, t);
        result.Add(new Finding("heldout_loss_text", t.Checkpoints[^1].Loss, "nats",
            $"Held-out next-character cross-entropy after training, per character, {setting}; a uniform guess costs ln {t.Alphabet} = {NumberText.Short(Math.Log(t.Alphabet), 3)}."));
        AddSinkFindings(o, "text", t.Checkpoints, o.Context, setting, result);

        var (ratio, residual) = t.Norms.Select((norms, l) => (norms[0] / norms[1..].Average(), l)).MaxBy(x => x.Item1);
        result.Add(new Finding("first_token_norm_ratio_text", ratio, "1",
            $"The first token's residual-stream norm over the mean of the others' at the stream where it is largest ({(residual == 0 ? "the embeddings" : $"after block {residual}")}), {setting}. " +
            "Large-norm first tokens go with sinks in LLMs (zhang2025attention; Sun et al. 2024's massive activations)."));

        var intact = t.Interventions[0];
        foreach (var i in t.Interventions.Skip(1))
            result.Add(new Finding($"loss_{Slug(i.Name)}_minus_intact_text", i.Loss - intact.Loss, "nats",
                $"Held-out loss per character with the start token of each window {Describe(i.Name, t.Replacement)}, minus the intact loss {NumberText.Short(intact.Loss, 4)}, over the same predicted characters (positions 2 … W), {setting}."));

        var after = StreamMethods.Select((_, k) => Math.Exp(t.StreamLosses[k][o.Context..].Average())).ToArray();
        string stream = $"the {t.StreamLosses[0].Length - o.Context:N0} held-out characters streamed after the first W = {o.Context} (all three windows agree before), {setting}";
        result.Add(new Finding("perplexity_window_text", after[0], "1",
            $"Perplexity of a plain sliding window whose first k = {o.SinkTokens} slots were emptied by eviction (the last W − k tokens at positions k … W − 1), over {stream}. " +
            "Xiao et al. find window attention's perplexity blowing up once the first tokens leave the cache."));
        result.Add(new Finding("perplexity_sinks_text", after[1], "1",
            $"Perplexity of StreamingLLM's window, the stream's first k = {o.SinkTokens} tokens then the last W − k at positions 0 … W − 1, over {stream}."));
        result.Add(new Finding("perplexity_recomputed_text", after[2], "1",
            $"Perplexity of the sliding window with recomputation, the last W tokens at positions 0 … W − 1 (Xiao et al.'s quadratic-cost baseline), over {stream}."));
        result.Add(new Finding("sinks_over_recomputed_perplexity_text", after[1] / after[2], "1",
            $"StreamingLLM's perplexity over the recomputed window's, {stream}.", 1,
            "xiao2024efficient (StreamingLLM with 4 initial tokens stays close to the sliding window with recomputation)"));
        result.Add(new Finding("window_over_recomputed_perplexity_text", after[0] / after[2], "1",
            $"The plain window's perplexity over the recomputed window's, {stream}; Xiao et al. report ratios in the hundreds to thousands for Llama-2 on PG19, where a 4-token sink is evicted from a 1,024-token cache."));
    }

    private static void AddTaskFindings(AttentionSinksOptions o, TaskStudy t, ExperimentResult result)
    {
        string setting = TaskSetting(o, t);
        var last = t.Checkpoints[^1];
        result.Add(new Finding("answer_accuracy_task", last.Accuracy, "1",
            $"Accuracy of the answer (the caught run's length) after training, {setting}; guessing is right 1/{t.Answers} = {NumberText.Short(1.0 / t.Answers, 3)} of the time. " +
            "The task is defined here in the spirit of zhang2025attention's minimal problem (a run of tokens caught between markers, tagged and counted later), not as theirs.",
            1, "a model that solves the task"));
        AddSinkFindings(o, "task", t.Checkpoints, o.TaskLength, setting, result);
        var best = t.ProbeAccuracy.Select((a, l) => (a, l)).Skip(1).MaxBy(x => x.a);
        result.Add(new Finding("probe_accuracy_task", best.a, "1",
            $"Held-out accuracy of a linear (ridge) probe reading from the residual stream after block {best.l} whether a letter lies inside the caught run — the tag — fitted on {t.ProbeTrain:N0} letters and tested on {t.ProbeTest:N0}; " +
            $"the majority class alone gives {NumberText.Short(t.ProbeChance, 3)} and the same probe on the embeddings (token and position only) {NumberText.Short(t.ProbeAccuracy[0], 3)}. {setting}. zhang2025attention find such tags linearly readable in LLMs."));
        result.Add(new Finding("probe_accuracy_embeddings_task", t.ProbeAccuracy[0], "1",
            $"The same probe on the embeddings, before any attention: caught and free letters are drawn alike, so only the position can help, and the majority class gives {NumberText.Short(t.ProbeChance, 3)}; {setting}."));
        foreach (var i in t.Interventions.Skip(1))
            result.Add(new Finding($"answer_accuracy_{Slug(i.Name)}_task", i.Accuracy, "1",
                $"Answer accuracy with the start token {Describe(i.Name, null)} (intact: {NumberText.Short(t.Interventions[0].Accuracy, 3)}), {setting}."));
    }

    private static string Slug(string name) => name.Replace(' ', '_');

    private static string Describe(string intervention, char? replacement) => intervention switch
    {
        "first removed" => "dropped (the rest one position down)",
        "first replaced" => replacement is { } c ? $"replaced by the most frequent character ({(c == ' ' ? "space" : c.ToString())})" : "replaced by a letter",
        "first hidden" => "hidden from every later query's attention in every layer",
        _ => intervention,
    };

    private static void AddMass(AttentionSinksOptions o, string slug, List<Checkpoint> checkpoints, ExperimentResult result)
    {
        var last = checkpoints[^1].Mass;
        var cells = last.SelectMany((heads, l) => heads.Select((v, h) => (l + 1, h + 1, v))).ToList();
        var table = new Table($"first-token-mass-{slug}")
            .Add(Columns.Layer, cells.Select(c => (double)c.Item1)).Add(Columns.Head, cells.Select(c => (double)c.Item2)).Add(Columns.Mass, cells.Select(c => c.v));
        result.Add(table);
        result.Add(new Figure($"first-token-mass-{slug}",
            $"Attention on the first token after training by layer (rows) and head (columns), mean over queries {o.QueriesFrom} on: the {(slug == "text" ? "character model" : "catch-tag-release model")}.",
            Axis.Index("head"), Axis.Index("layer", min: 0.5, max: last.Length + 0.5), [new Heatmap(table.Name, Columns.Head, Columns.Layer, Columns.Mass, "first-token mass")], FigureWidth.Half)
        { Aspect = 0.8, Legend = null });
    }

    private static void AddEmergence(AttentionSinksOptions o, string slug, int tokens, List<Checkpoint> checkpoints, ExperimentResult result)
    {
        int layers = checkpoints[0].Mass.Length;
        var table = new Table($"training-{slug}").Add(Columns.Step, checkpoints.Select(c => (double)c.Step))
            .Add(Columns.Uniform, checkpoints.Select(_ => UniformMass(o.QueriesFrom, tokens)))
            .Add(Columns.Loss, checkpoints.Select(c => c.Loss));
        for (int l = 0; l < layers; l++) table.Add(Columns.LayerMass(l + 1), checkpoints.Select(c => c.Mass[l].Max()));
        bool task = slug == "task";
        if (task) table.Add(Columns.Accuracy, checkpoints.Select(c => c.Accuracy));
        result.Add(table);
        var series = Enumerable.Range(1, layers).Select(l => (Series)new Line(table.Name, Columns.Step, Columns.LayerMass(l), $"layer {l}")).ToList();
        series.Add(new Line(table.Name, Columns.Step, Columns.Uniform, "even", Dashed: true));
        if (task) series.Add(new Line(table.Name, Columns.Step, Columns.Accuracy, "accuracy", Dashed: true));
        result.Add(new Figure($"sink-emergence-{slug}",
            $"The largest first-token attention among each layer's heads through training, against a head that attends evenly (dashed); the {(task ? "catch-tag-release model, with its answer accuracy" : "character model")}.",
            new Axis("AdamW step"), Axis.Fraction("first-token attention"), series, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.UpperLeft });
    }

    private static void AddNorms(AttentionSinksOptions o, TextStudy t, ExperimentResult result)
    {
        var table = new Table("residual-norms").Add(Columns.Position, Enumerable.Range(0, o.Context).Select(p => (double)p));
        for (int l = 0; l < t.Norms.Length; l++) table.Add(Columns.Norm(l), t.Norms[l]);
        result.Add(table);
        result.Add(new Figure("residual-norms",
            $"Mean residual-stream norm ‖h‖ at each position of {o.EvaluationWindows} held-out windows, entering block 1 (the embeddings) and after each block of the character model.",
            new Axis("position"), new Axis("‖h‖", Log: true),
            [.. Enumerable.Range(0, t.Norms.Length).Select(l => new Line(table.Name, Columns.Position, Columns.Norm(l), l == 0 ? "embedding" : $"block {l}"))], FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
    }

    private static void AddProbe(AttentionSinksOptions o, TaskStudy t, ExperimentResult result)
    {
        var table = new Table("probe").Add(Columns.Residual, Enumerable.Range(0, t.ProbeAccuracy.Length).Select(l => (double)l))
            .Add(Columns.ProbeAccuracy, t.ProbeAccuracy).Add(Columns.ProbeChance, t.ProbeAccuracy.Select(_ => t.ProbeChance));
        result.Add(table);
        result.Add(new Figure("probe",
            $"Held-out accuracy of a ridge probe for 'this letter lies inside the caught run' on the catch-tag-release model's residual stream: 0 is the embeddings, l after block l; dashed: the majority class ({t.ProbeTest:N0} test letters).",
            new Axis("residual stream (after block)"), Axis.Fraction("probe accuracy"),
            [new Markers(table.Name, Columns.Residual, Columns.ProbeAccuracy, "probe"), new Line(table.Name, Columns.Residual, Columns.ProbeChance, "majority", Dashed: true)], FigureWidth.Half)
        { Legend = LegendPlace.LowerRight });
    }

    private static void AddInterventions(string slug, List<Intervention> interventions, ExperimentResult result)
    {
        var table = new Table($"interventions-{slug}").Add(Columns.Intervention, interventions.Select((_, i) => (double)(i + 1)))
            .AddText(Columns.Name, interventions.Select(i => i.Name)).Add(Columns.Loss, interventions.Select(i => i.Loss));
        if (slug == "task") table.Add(Columns.Accuracy, interventions.Select(i => i.Accuracy));
        result.Add(table);
        result.Add(new Figure($"interventions-{slug}",
            $"Held-out {(slug == "text" ? "loss per character of the character model" : "answer loss of the catch-tag-release model")} with the first token 1: intact, 2: removed, 3: replaced, 4: hidden from attention.",
            new Axis("intervention"), new Axis("cross-entropy (nats)"), [new Bars(table.Name, Columns.Intervention, Columns.Loss, "loss")], FigureWidth.Half)
        { Legend = null });
    }

    private static void AddStreaming(AttentionSinksOptions o, TextStudy t, ExperimentResult result)
    {
        // Perplexity over stretches of W/4 tokens, so the curve shows where eviction begins without per-character noise.
        int stretch = Math.Max(o.Context / 4, 1), n = t.StreamLosses[0].Length, bins = n / stretch;
        var table = new Table("streaming").Add(Columns.Token, Enumerable.Range(0, bins).Select(b => (b + 0.5) * stretch));
        for (int k = 0; k < StreamMethods.Length; k++)
        {
            var losses = t.StreamLosses[k];
            table.Add(Columns.Perplexity(StreamMethods[k]), Enumerable.Range(0, bins).Select(b => Math.Exp(losses.AsSpan(b * stretch, stretch).ToArray().Average())));
        }
        result.Add(table);
        result.Add(new Figure("streaming",
            $"Perplexity of a held-out text streamed through windows of W = {o.Context} characters, over stretches of {stretch}: a plain window from which the first tokens were evicted, " +
            $"StreamingLLM's window keeping the stream's first k = {o.SinkTokens}, and the window recomputed from scratch for every character; eviction starts at W.",
            new Axis("streamed character"), new Axis("perplexity", Log: true),
            [.. StreamMethods.Select((s, k) => new Line(table.Name, Columns.Token, Columns.Perplexity(s), StreamLabels[k], Dashed: k == 2))])
        { Legend = LegendPlace.UpperLeft });
    }

    private static string BigramSetting(AttentionSinksOptions o, BigramStudy b) =>
        $"a {o.BigramLayers}-layer, 1-head, d = {o.Width} model ({b.Parameters:N0} parameters) trained by AdamW (η = {NumberText.Short(o.BigramLearningRate, 3)}, λ = {NumberText.Short(o.WeightDecay, 3)}) for {o.BigramSteps:N0} steps on {o.BigramExamples:N0} Bigram-Backcopy sequences of " +
        $"{o.BigramLength} tokens (V = {o.BigramTokens}, {o.BigramTriggers} triggers), measured on {b.Queries:N0} queries from position {o.QueriesFrom} of {4 * o.EvaluationWindows} fresh sequences ({NumberText.Short(100 * b.TriggerShare, 2)} % triggers)";

    /// <summary>The layer whose dormant (non-trigger) queries put the most attention on BOS, and its masses.</summary>
    private static (int Layer, double Dormant, double Active) SinkLayer(BigramCheckpoint c) =>
        c.Dormant.Select((heads, l) => (l + 1, heads[0], c.Active[l][0])).MaxBy(x => x.Item2);

    private static void AddBigram(AttentionSinksOptions o, BigramStudy b, ExperimentResult result)
    {
        string setting = BigramSetting(o, b);
        var last = b.Checkpoints[^1];
        var (layer, dormant, active) = SinkLayer(last);
        result.Add(new Finding("bos_mass_dormant_bigram", dormant, "1",
            $"Attention on BOS of the non-trigger (dormant) queries, which need nothing from the context, in the layer where it is largest (layer {layer}), after training, {setting}.",
            1, "guo2024active (a dormant head puts nearly all its attention on BOS)"));
        result.Add(new Finding("bos_mass_active_bigram", active, "1",
            $"Attention on BOS of the trigger (active) queries in the same layer {layer}, which must fetch the token before the trigger instead, {setting}; Guo et al. find the head active there, attending to that token, not to BOS."));
        var emerged = b.Checkpoints.FirstOrDefault(c => c.Dormant.Any(heads => heads.Any(v => v > o.SinkThreshold)));
        string meaning = $"The first checkpoint (of {b.Checkpoints.Count}) at which the non-trigger queries of some layer put more than {NumberText.Short(o.SinkThreshold, 2)} of their attention on BOS, {setting}. Guo et al. see the sink form early in training.";
        result.Add(emerged is null
            ? Finding.NotReached("sink_emergence_step_bigram", "steps", meaning + " Not reached within the run's steps.")
            : new Finding("sink_emergence_step_bigram", emerged.Step, "steps", meaning));
        result.Add(new Finding("copy_accuracy_bigram", last.CopyAccuracy, "1",
            $"Share of trigger positions whose most likely next token is the copy of the token before the trigger, {setting}.", 1, "the task's rule (a copy is certain)"));
        result.Add(new Finding("nontrigger_loss_bigram", last.BigramLoss, "nats",
            $"Held-out loss at the non-trigger positions, {setting}; the least possible is the chain's exact conditional entropy there, pooled over positions as the loss is; a uniform guess costs ln {o.BigramTokens + 1} = {NumberText.Short(Math.Log(o.BigramTokens + 1), 3)}.",
            b.Entropy, "the bigram chain's exact conditional entropy (Data/Toy/BigramBackcopy, checked against Monte Carlo)"));
        int l = layer - 1;
        double valueRatio = b.ValueNorms[l][0] / b.ValueNorms[l][1..].Average();
        result.Add(new Finding("bos_value_norm_ratio_bigram", valueRatio, "1",
            $"Norm of BOS's value vector over the mean of the other tokens' in layer {layer}, {setting}. Guo et al.'s value-state drain: the sink's value shrinks, so attending to it adds almost nothing."));
        var (residualRatio, residual) = b.Norms.Select((norms, r) => (norms[0] / norms[1..].Average(), r)).MaxBy(x => x.Item1);
        result.Add(new Finding("bos_residual_norm_ratio_bigram", residualRatio, "1",
            $"BOS's residual-stream norm over the mean of the others' where the ratio is largest ({(residual == 0 ? "the embeddings" : $"after block {residual}")}), {setting}. Guo et al.'s residual-state peak: BOS's residual norm grows."));
        var intact = b.Interventions[0];
        foreach (var i in b.Interventions.Skip(1))
        {
            result.Add(new Finding($"loss_{Slug(i.Name)}_minus_intact_bigram", i.BigramLoss - intact.BigramLoss, "nats",
                $"Loss at the non-trigger positions with BOS {DescribeBos(i.Name)}, minus the intact {NumberText.Short(intact.BigramLoss, 4)}, over the same predictions, {setting}."));
            result.Add(new Finding($"copy_accuracy_{Slug(i.Name)}_bigram", i.CopyAccuracy, "1",
                $"Copy accuracy at the trigger positions with BOS {DescribeBos(i.Name)} (intact: {NumberText.Short(intact.CopyAccuracy, 3)}), {setting}."));
        }
        AddBigramTraining(o, b, result);
        AddBigramNorms(o, b, result);
        AddBigramInterventions(b, result);
    }

    private static string DescribeBos(string intervention) => intervention switch
    {
        "first removed" => "dropped (the rest one position down)",
        "first replaced" => "replaced by an ordinary (non-trigger) token",
        _ => Describe(intervention, null),
    };

    private static void AddBigramTraining(AttentionSinksOptions o, BigramStudy b, ExperimentResult result)
    {
        int layers = o.BigramLayers;
        var table = new Table("training-bigram").Add(Columns.Step, b.Checkpoints.Select(c => (double)c.Step))
            .Add(Columns.Uniform, b.Checkpoints.Select(_ => UniformMass(o.QueriesFrom, o.BigramLength - 1)))
            .Add(Columns.Loss, b.Checkpoints.Select(c => c.BigramLoss))
            .Add(Columns.Entropy, b.Checkpoints.Select(_ => b.Entropy))
            .Add(Columns.CopyAccuracy, b.Checkpoints.Select(c => c.CopyAccuracy));
        for (int l = 0; l < layers; l++)
        {
            table.Add(Columns.DormantMass(l + 1), b.Checkpoints.Select(c => c.Dormant[l][0]));
            table.Add(Columns.ActiveMass(l + 1), b.Checkpoints.Select(c => c.Active[l][0]));
        }
        result.Add(table);
        var series = new List<Series>();
        for (int l = 1; l <= layers; l++)
        {
            series.Add(new Line(table.Name, Columns.Step, Columns.DormantMass(l), $"L{l} non-trigger"));
            series.Add(new Line(table.Name, Columns.Step, Columns.ActiveMass(l), $"L{l} trigger", Dashed: true));
        }
        series.Add(new Line(table.Name, Columns.Step, Columns.CopyAccuracy, "copy accuracy", Dashed: true));
        result.Add(new Figure("sink-emergence-bigram",
            "Attention on BOS through training of the Bigram-Backcopy model's heads (one per layer L), for non-trigger queries (solid), where the head is dormant, and trigger queries (dashed), where it must copy; with the copy accuracy.",
            new Axis("AdamW step"), Axis.Fraction("attention on BOS"), series, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
    }

    private static void AddBigramNorms(AttentionSinksOptions o, BigramStudy b, ExperimentResult result)
    {
        var table = new Table("norms-bigram").Add(Columns.Position, Enumerable.Range(0, o.BigramLength - 1).Select(p => (double)p));
        for (int l = 0; l < b.Norms.Length; l++) table.Add(Columns.Norm(l), b.Norms[l]);
        for (int l = 0; l < b.ValueNorms.Length; l++) table.Add(Columns.ValueNorm(l + 1), b.ValueNorms[l]);
        result.Add(table);
        var series = new List<Series>();
        for (int l = 1; l < b.Norms.Length; l++) series.Add(new Line(table.Name, Columns.Position, Columns.Norm(l), $"residual, block {l}"));
        for (int l = 1; l <= b.ValueNorms.Length; l++) series.Add(new Line(table.Name, Columns.Position, Columns.ValueNorm(l), $"value, layer {l}", Dashed: true));
        result.Add(new Figure("norms-bigram",
            "Mean residual-stream norm after each block (solid) and attention value norm of each layer (dashed) by position of the Bigram-Backcopy model; position 0 is BOS.",
            new Axis("position"), new Axis("norm", Log: true), series, FigureWidth.Half)
        { Aspect = 0.85, Legend = LegendPlace.LowerRight });
    }

    private static void AddBigramInterventions(BigramStudy b, ExperimentResult result)
    {
        var table = new Table("interventions-bigram").Add(Columns.Intervention, b.Interventions.Select((_, i) => (double)(i + 1)))
            .AddText(Columns.Name, b.Interventions.Select(i => i.Name)).Add(Columns.Loss, b.Interventions.Select(i => i.BigramLoss))
            .Add(Columns.CopyAccuracy, b.Interventions.Select(i => i.CopyAccuracy)).Add(Columns.Entropy, b.Interventions.Select(_ => b.Entropy));
        result.Add(table);
        // The loss at non-trigger positions barely moves (the table has it); the copy is what BOS's absence breaks.
        result.Add(new Figure("interventions-bigram",
            "Copy accuracy at the trigger positions of the Bigram-Backcopy model with BOS 1: intact, 2: removed, 3: replaced by an ordinary token, 4: hidden from attention.",
            new Axis("intervention"), Axis.Fraction("copy accuracy"), [new Bars(table.Name, Columns.Intervention, Columns.CopyAccuracy, "copy accuracy")], FigureWidth.Half)
        { Legend = null });
    }
}

namespace TheoryLab.Data.Toy;

/// <summary>One prompt of <see cref="RefusalLanguage"/>: its words, whether it is forbidden, and the response a trained model must give.</summary>
/// <param name="Words">The prompt's words, without the start and question tokens.</param>
/// <param name="Forbidden">True when a forbidden word occurs among them.</param>
/// <param name="Response">The refusal sequence for a forbidden prompt, the answer for a benign one.</param>
public sealed record RefusalPrompt(int[] Words, bool Forbidden, int[] Response);

/// <summary>
/// A synthetic language in which an aligned model must refuse one class of prompts, the smallest stand-in for the
/// harmful requests of Zou et al. (2023) and Carlini et al. (2023). A prompt is a start token, some words and a
/// question token; its answer is its first <see cref="AnswerLength"/> words, copied. A prompt that holds one of the
/// forbidden words (the marked topic) must instead be answered by the fixed refusal sequence, as long as an answer,
/// so that every response has the same length. What an attack wants of a forbidden prompt is the answer the rule
/// would give without the refusal: its first words, forbidden word included ("Sure, here is how to …").
/// With the instruction construct, the language also holds a token SAY: a prompt holding it is answered by the A words
/// that follow it instead of its first ones, an instruction a model can learn in pre-training and alignment can leave
/// out (Wei et al.'s competing objectives and mismatched generalisation); a forbidden word still calls for the refusal.
/// Tokens: start 0, question 1, padding 2, refusal 3 … 3 + A − 1, forbidden words, ordinary words, then SAY, last so
/// that the language without it keeps every token's number.
/// </summary>
public sealed class RefusalLanguage
{
    public const int Start = 0, Question = 1, Padding = 2, FirstRefusal = 3;

    /// <param name="ordinaryWords">Distinct ordinary words.</param>
    /// <param name="forbiddenWords">Distinct forbidden words.</param>
    /// <param name="answerLength">A: words in an answer and tokens in the refusal.</param>
    /// <param name="shortestPrompt">The fewest words a prompt holds (at least A, so that every prompt has an answer).</param>
    /// <param name="longestPrompt">The most words a prompt holds.</param>
    /// <param name="instruction">Whether the language holds the instruction token SAY (<see cref="DrawInstructed"/>).</param>
    public RefusalLanguage(int ordinaryWords, int forbiddenWords, int answerLength, int shortestPrompt, int longestPrompt, bool instruction = false)
    {
        if (ordinaryWords < 2 || forbiddenWords < 1 || answerLength < 1)
            throw new TheoryLabException($"the language needs at least 2 ordinary words, 1 forbidden word and answers of 1 word, not {ordinaryWords}, {forbiddenWords} and {answerLength}.");
        if (shortestPrompt < answerLength || longestPrompt < shortestPrompt)
            throw new TheoryLabException($"prompts of {shortestPrompt} to {longestPrompt} words: give answer length ({answerLength}) ≤ shortest ≤ longest.");
        if (instruction && longestPrompt <= answerLength)
            throw new TheoryLabException($"an instructed prompt holds SAY and the {answerLength} words after it: give prompts of more than {answerLength} words, not at most {longestPrompt}.");
        OrdinaryWords = ordinaryWords;
        ForbiddenWords = forbiddenWords;
        AnswerLength = answerLength;
        ShortestPrompt = shortestPrompt;
        LongestPrompt = longestPrompt;
        HasInstruction = instruction;
    }

    public int OrdinaryWords { get; }
    public int ForbiddenWords { get; }
    public int AnswerLength { get; }
    public int ShortestPrompt { get; }
    public int LongestPrompt { get; }

    public bool HasInstruction { get; }

    /// <summary>The first forbidden word's token; the ordinary words follow the forbidden ones.</summary>
    public int FirstForbidden => FirstRefusal + AnswerLength;

    public int FirstOrdinary => FirstForbidden + ForbiddenWords;

    /// <summary>The instruction token SAY, after the ordinary words; −1 when the language has none.</summary>
    public int Say => HasInstruction ? FirstOrdinary + OrdinaryWords : -1;

    public int Vocabulary => FirstOrdinary + OrdinaryWords + (HasInstruction ? 1 : 0);

    /// <summary>The refusal sequence, tokens 3 … 3 + A − 1 ("I cannot help …").</summary>
    public int[] Refusal => [.. Enumerable.Range(FirstRefusal, AnswerLength)];

    /// <summary>Every word a prompt may hold, forbidden and ordinary (and SAY): the tokens an attacker's suffix is drawn from.</summary>
    public int[] Words => [.. Enumerable.Range(FirstForbidden, ForbiddenWords + OrdinaryWords + (HasInstruction ? 1 : 0))];

    /// <summary>Tokens of the longest training sequence: start, words, question and response.</summary>
    public int SequenceLength => LongestPrompt + 2 + AnswerLength;

    public bool IsForbidden(int word) => word >= FirstForbidden && word < FirstOrdinary;

    /// <summary>
    /// A prompt of a uniform number of words between the shortest and the longest, each ordinary and uniform; a
    /// forbidden one has one word, at a uniform place, replaced by a uniform forbidden word.
    /// </summary>
    public RefusalPrompt Draw(Random random, bool forbidden) => Draw(random, forbidden, random.Next(ShortestPrompt, LongestPrompt + 1));

    /// <summary>A prompt of exactly <paramref name="words"/> words, drawn as <see cref="Draw(Random, bool)"/> draws one.</summary>
    public RefusalPrompt Draw(Random random, bool forbidden, int words)
    {
        var prompt = new int[words];
        for (int i = 0; i < words; i++) prompt[i] = FirstOrdinary + random.Next(OrdinaryWords);
        if (forbidden) prompt[random.Next(words)] = FirstForbidden + random.Next(ForbiddenWords);
        return new RefusalPrompt(prompt, forbidden, forbidden ? Refusal : Answer(prompt));
    }

    /// <summary>
    /// An instructed prompt: a uniform number of words from A + 1 (at least the shortest) to the longest, SAY at a uniform
    /// place with at least A words after it, the others ordinary and uniform; a forbidden one has one word other than
    /// SAY, at a uniform place, replaced by a uniform forbidden word.
    /// </summary>
    public RefusalPrompt DrawInstructed(Random random, bool forbidden)
    {
        if (!HasInstruction) throw new InvalidOperationException("this language has no instruction token.");
        int words = random.Next(Math.Max(ShortestPrompt, AnswerLength + 1), LongestPrompt + 1);
        var prompt = new int[words];
        for (int i = 0; i < words; i++) prompt[i] = FirstOrdinary + random.Next(OrdinaryWords);
        int say = random.Next(words - AnswerLength);
        prompt[say] = Say;
        if (forbidden)
        {
            int place = random.Next(words - 1);
            prompt[place < say ? place : place + 1] = FirstForbidden + random.Next(ForbiddenWords);
        }
        return new RefusalPrompt(prompt, forbidden, forbidden ? Refusal : Answer(prompt));
    }

    /// <summary>The rule's answer, forbidden or not: the A words after the first SAY where the prompt holds one, else its first A words.</summary>
    public int[] Answer(int[] words)
    {
        int say = HasInstruction ? Array.IndexOf(words, Say) : -1;
        if (say < 0) return words[..AnswerLength];
        if (words.Length - say - 1 < AnswerLength) throw new ArgumentException($"SAY at word {say} of {words.Length} is followed by fewer than {AnswerLength} words.");
        return words[(say + 1)..(say + 1 + AnswerLength)];
    }

    /// <summary>The tokens before the response: start, words, question.</summary>
    public static int[] Context(int[] words) => [Start, .. words, Question];

    /// <summary>
    /// The prompt and its response as one training sequence of <see cref="SequenceLength"/> tokens, padded at the end,
    /// and its targets: at position t the token at t + 1 where that is part of the response, −1 (ignored) elsewhere.
    /// </summary>
    public (long[] Tokens, long[] Targets) Sequence(RefusalPrompt prompt)
    {
        var tokens = Enumerable.Repeat((long)Padding, SequenceLength).ToArray();
        var targets = Enumerable.Repeat(-1L, SequenceLength).ToArray();
        var context = Context(prompt.Words);
        for (int t = 0; t < context.Length; t++) tokens[t] = context[t];
        for (int i = 0; i < AnswerLength; i++)
        {
            tokens[context.Length + i] = prompt.Response[i];
            targets[context.Length + i - 1] = prompt.Response[i];
        }
        return (tokens, targets);
    }
}

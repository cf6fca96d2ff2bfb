using TheoryLab.Data.Toy;

namespace TheoryLab.Tests.Data.Toy;

/// <summary>The refusal language's rule and training sequences: refused exactly when a forbidden word occurs, answered by the first words otherwise, targets only on the response.</summary>
public class RefusalLanguageTests
{
    private static readonly RefusalLanguage Language = new(ordinaryWords: 10, forbiddenWords: 2, answerLength: 3, shortestPrompt: 3, longestPrompt: 9);

    [Fact]
    public void APrompt_IsRefusedExactlyWhenItHoldsAForbiddenWord_AndAnsweredByItsFirstWordsOtherwise()
    {
        var random = new Random(1);
        for (int i = 0; i < 500; i++)
        {
            var prompt = Language.Draw(random, forbidden: i % 2 == 0);
            Assert.InRange(prompt.Words.Length, 3, 9);
            Assert.Equal(prompt.Forbidden, prompt.Words.Any(Language.IsForbidden));
            Assert.Equal(prompt.Forbidden ? 1 : 0, prompt.Words.Count(Language.IsForbidden));
            Assert.Equal(prompt.Forbidden ? Language.Refusal : prompt.Words[..3], prompt.Response);
            Assert.All(prompt.Words, w => Assert.Contains(w, Language.Words));
        }
    }

    [Fact]
    public void TheSequence_IsStartWordsQuestionResponsePadding_WithTargetsOnTheResponseOnly()
    {
        var prompt = new RefusalPrompt([10, 11, 12, 13], false, [10, 11, 12]);
        var (tokens, targets) = Language.Sequence(prompt);
        Assert.Equal(Language.SequenceLength, tokens.Length);
        Assert.Equal(new long[] { 0, 10, 11, 12, 13, 1, 10, 11, 12, 2, 2, 2, 2, 2 }, tokens);
        // Position t predicts token t + 1: the question (5) predicts the first response token, and so on.
        Assert.Equal(new long[] { -1, -1, -1, -1, -1, 10, 11, 12, -1, -1, -1, -1, -1, -1 }, targets);
    }
}

/// <summary>The instruction construct: SAY is one token more, after the words; an instructed prompt is answered by the A words after SAY, refused when forbidden.</summary>
public class InstructedRefusalLanguageTests
{
    private static readonly RefusalLanguage Plain = new(ordinaryWords: 10, forbiddenWords: 2, answerLength: 3, shortestPrompt: 3, longestPrompt: 9);
    private static readonly RefusalLanguage Language = new(ordinaryWords: 10, forbiddenWords: 2, answerLength: 3, shortestPrompt: 3, longestPrompt: 9, instruction: true);

    [Fact]
    public void Say_IsTheLastToken_SoThePlainLanguageKeepsEveryTokensNumber()
    {
        Assert.Equal(-1, Plain.Say);
        Assert.Equal(Plain.Vocabulary, Language.Say);
        Assert.Equal(Plain.Vocabulary + 1, Language.Vocabulary);
        Assert.Equal((int[])[.. Plain.Words, Language.Say], Language.Words);
        Assert.Equal(Plain.Refusal, Language.Refusal);
    }

    [Fact]
    public void AnInstructedPrompt_HoldsOneSayFollowedByAtLeastAWords_AndIsAnsweredByThemUnlessForbidden()
    {
        var random = new Random(2);
        for (int i = 0; i < 500; i++)
        {
            var prompt = Language.DrawInstructed(random, forbidden: i % 2 == 0);
            Assert.InRange(prompt.Words.Length, 4, 9);
            int say = Array.IndexOf(prompt.Words, Language.Say);
            Assert.Equal(1, prompt.Words.Count(w => w == Language.Say));
            Assert.True(prompt.Words.Length - say - 1 >= 3, $"SAY at {say} of {prompt.Words.Length} words");
            Assert.Equal(prompt.Forbidden ? 1 : 0, prompt.Words.Count(Language.IsForbidden));
            Assert.Equal(prompt.Forbidden ? Language.Refusal : prompt.Words[(say + 1)..(say + 4)], prompt.Response);
        }
    }

    [Fact]
    public void SayTakesEveryPlaceThatLeavesAWordsAfterIt()
    {
        var random = new Random(3);
        var places = Enumerable.Range(0, 2000).Select(_ => Language.DrawInstructed(random, forbidden: false).Words)
            .Where(w => w.Length == 9).Select(w => Array.IndexOf(w, Language.Say)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 6).ToHashSet(), places);
    }

    [Fact]
    public void TheAnswer_IsTheWordsAfterTheFirstSay_OrTheFirstWordsWithoutOne()
    {
        int say = Language.Say, f = Language.FirstForbidden, o = Language.FirstOrdinary;
        Assert.Equal(new[] { o, f, o + 2 }, Language.Answer([o, f, o + 2, o + 3]));
        // The hand-made jailbreak: a forbidden prompt, then SAY and its own first words.
        Assert.Equal(new[] { o, f, o + 2 }, Language.Answer([o + 5, f, o + 6, o + 7, say, o, f, o + 2]));
        Assert.Equal(new[] { o + 1, o + 2, say }, Language.Answer([o, say, o + 1, o + 2, say, o + 4]));
        Assert.Throws<ArgumentException>(() => Language.Answer([o, o + 1, say, o + 2, o + 3]));
    }

    [Fact]
    public void APlainLanguage_HasNoInstructedPrompts_AndTooShortPromptsForSayAreRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Plain.DrawInstructed(new Random(1), forbidden: false));
        var error = Assert.Throws<TheoryLabException>(() => new RefusalLanguage(10, 2, 3, 3, 3, instruction: true));
        Assert.Contains("more than 3 words", error.Message);
    }
}

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

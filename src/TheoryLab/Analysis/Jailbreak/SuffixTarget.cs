namespace TheoryLab.Analysis.Jailbreak;

/// <summary>
/// A prompt an adversarial suffix is appended to and the response it should make the model give: the model reads
/// <paramref name="Before"/> (start and user prompt), the suffix, then <paramref name="After"/> (the tokens that hand
/// over to the model, an assistant tag or a question mark), and the attack wants it to continue with
/// <paramref name="Target"/> (Zou et al.'s "Sure, here is …").
/// </summary>
public sealed record SuffixTarget(int[] Before, int[] After, int[] Target)
{
    /// <summary>The context the model answers: before, suffix, after.</summary>
    public int[] Context(int[] suffix) => [.. Before, .. suffix, .. After];
}

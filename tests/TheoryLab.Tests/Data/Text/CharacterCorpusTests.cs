using TheoryLab.Data.Text;

namespace TheoryLab.Tests.Data.Text;

public class CharacterCorpusTests
{
    [Fact]
    public void Tokens_IndexTheSortedAlphabet_AndGiveTheTextBack()
    {
        var corpus = CharacterCorpus.FromText("test", "banana band", 5);
        Assert.Equal(" abdn", new string([.. corpus.Alphabet]));
        Assert.Equal("banana band", new string([.. corpus.Tokens.Select(t => corpus.Alphabet[t])]));
    }

    [Fact]
    public void AMissingFile_OrATooShortText_IsAOneLineError_SayingWhatToGive()
    {
        var missing = Assert.Throws<TheoryLabException>(() => CharacterCorpus.Read("/no/such/corpus.txt", 100));
        Assert.Contains("does not exist", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);
        var shortText = Assert.Throws<TheoryLabException>(() => CharacterCorpus.FromText("tiny", "abc", 100));
        Assert.Contains("at least 100", shortText.Message);
    }

    [Fact]
    public void DebiansGpl3_IsReadInPlace_WhereBaseFilesInstalledIt()
    {
        if (!File.Exists(CharacterCorpus.DebianGpl3)) return;   // not a Debian machine: nothing to read
        var corpus = CharacterCorpus.Read(CharacterCorpus.DebianGpl3, 1000);
        Assert.Equal(File.ReadAllText(CharacterCorpus.DebianGpl3).Length, corpus.Tokens.Length);
        Assert.Contains('G', corpus.Alphabet);
    }
}

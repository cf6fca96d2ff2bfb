namespace TheoryLab.Data.Text;

/// <summary>
/// A text read as characters: its alphabet (the distinct characters, in ordinal order) and the text as indices
/// into it. The default is the GNU GPL version 3, which Debian's essential package base-files installs on every
/// machine as /usr/share/common-licenses/GPL-3 (35,149 characters).
/// </summary>
public sealed class CharacterCorpus
{
    /// <summary>Where Debian's base-files puts the GPL version 3.</summary>
    public const string DebianGpl3 = "/usr/share/common-licenses/GPL-3";

    private CharacterCorpus(string path, char[] alphabet, int[] tokens)
    {
        Path = path;
        Alphabet = alphabet;
        Tokens = tokens;
    }

    public string Path { get; }

    /// <summary>The distinct characters; a token is an index into it.</summary>
    public IReadOnlyList<char> Alphabet { get; }

    /// <summary>The text, one token per character.</summary>
    public int[] Tokens { get; }

    /// <summary>Reads a UTF-8 text file in place; a missing or too short file is a one-line error saying what to give instead.</summary>
    public static CharacterCorpus Read(string path, int minimumLength)
    {
        if (!File.Exists(path))
            throw new TheoryLabException($"the corpus '{path}' does not exist; give a text file of at least {minimumLength:N0} characters (on Debian, {DebianGpl3} comes with base-files).");
        return FromText(path, File.ReadAllText(path), minimumLength);
    }

    /// <summary>A corpus of <paramref name="text"/>, named by <paramref name="source"/>.</summary>
    public static CharacterCorpus FromText(string source, string text, int minimumLength)
    {
        if (text.Length < minimumLength)
            throw new TheoryLabException($"the corpus '{source}' holds {text.Length:N0} characters; it needs at least {minimumLength:N0}.");
        var alphabet = text.Distinct().Order().ToArray();
        var index = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        return new CharacterCorpus(source, alphabet, [.. text.Select(c => index[c])]);
    }
}

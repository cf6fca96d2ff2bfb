using System.Text;

namespace TheoryLab.Text;

/// <summary>
/// Labels for pictures drawn without TeX (the PNGs): the scripts TheoryLab writes as "s^k", "q^{l−1}" and "λ_min"
/// become Unicode super- and subscripts (sᵏ, qˡ⁻¹, λₘᵢₙ). Unicode has no subscript for most letters (σ_w, ξ_c):
/// there the underscore is dropped and the script set on the line (σw), as plain-text plots write it; a power
/// Unicode cannot raise keeps its caret (ε^(−1/2)). The pgfplots pictures set every script properly.
/// Underscores inside snake_case words stay.
/// </summary>
public static class PictureText
{
    private const string Plain = "0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ";
    private const string Raised = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡ";
    private const string LoweredPlain = "0123456789+-−=()aehijklmnoprstuvxβγρφχ";
    private const string Lowered = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";

    public static string From(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool raised = c == '^' && i > 0, lowered = c == '_' && TakesSubscript(text, i);
            int end = raised || lowered ? ArgumentEnd(text, i + 1) : i + 1;
            if (end == i + 1)
            {
                sb.Append(c);
                continue;
            }
            string argument = text[(i + 1)..end];
            if (argument[0] == '{') argument = argument[1..^1];
            string? script = Convert(argument, raised ? Plain : LoweredPlain, raised ? Raised : Lowered);
            // A power keeps its caret (ε^(−1/2) is no product); a subscript is set on the line (σw).
            sb.Append(script ?? (raised ? "^" + (argument.Length > 1 && argument[0] != '(' ? $"({argument})" : argument) : argument));
            i = end - 1;
        }
        return sb.ToString();
    }

    /// <summary>An underscore marks a subscript after a single letter or a symbol (σ_w, x_k), not inside a word (sigma_w2).</summary>
    private static bool TakesSubscript(string text, int i)
    {
        if (i == 0) return false;
        char before = text[i - 1];
        if (char.IsAsciiLetter(before)) return i == 1 || !(char.IsLetterOrDigit(text[i - 2]) || text[i - 2] == '_');
        return !char.IsWhiteSpace(before) && !char.IsAsciiDigit(before) && before != '_';
    }

    /// <summary>The end of a script's argument starting at <paramref name="j"/>: a braced group, a parenthesised one, or a signed word or number; <paramref name="j"/> when none starts there.</summary>
    private static int ArgumentEnd(string text, int j)
    {
        if (j >= text.Length) return j;
        char close = text[j] switch { '{' => '}', '(' => ')', _ => '\0' };
        if (close != '\0')
        {
            int k = text.IndexOf(close, j + 1);
            return k < 0 ? j : k + 1;
        }
        int e = j;
        if (e < text.Length && text[e] is '+' or '-' or '−') e++;
        int start = e;
        while (e < text.Length && char.IsLetterOrDigit(text[e])) e++;
        return e == start ? j : e;
    }

    /// <summary><paramref name="argument"/> in the scripts of <paramref name="to"/>, or null when one of its characters has none.</summary>
    private static string? Convert(string argument, string from, string to)
    {
        var sb = new StringBuilder(argument.Length);
        foreach (char c in argument)
        {
            int i = from.IndexOf(c);
            if (i < 0) return null;
            sb.Append(to[i]);
        }
        return sb.ToString();
    }
}

using System.Text;

namespace TheoryLab;

/// <summary>
/// Turns the Unicode text TheoryLab uses in labels and captions (σ_w², χ₁, ξ_c, ≤ …) into LaTeX that
/// pdflatex compiles, and escapes LaTeX's special characters.
/// </summary>
public static class LatexText
{
    private static readonly Dictionary<char, string> Math = new()
    {
        ['α'] = @"\alpha", ['β'] = @"\beta", ['γ'] = @"\gamma", ['δ'] = @"\delta", ['Δ'] = @"\Delta", ['ε'] = @"\varepsilon",
        ['η'] = @"\eta", ['θ'] = @"\theta", ['κ'] = @"\kappa", ['λ'] = @"\lambda", ['μ'] = @"\mu", ['ν'] = @"\nu",
        ['ξ'] = @"\xi", ['π'] = @"\pi", ['ρ'] = @"\rho", ['σ'] = @"\sigma", ['τ'] = @"\tau", ['φ'] = @"\phi",
        ['ϕ'] = @"\phi", ['χ'] = @"\chi", ['ψ'] = @"\psi", ['ω'] = @"\omega", ['Σ'] = @"\Sigma", ['Φ'] = @"\Phi",
        ['≤'] = @"\leq", ['≥'] = @"\geq", ['≈'] = @"\approx", ['×'] = @"\times", ['−'] = "-", ['∘'] = @"\circ",
        ['→'] = @"\to", ['∞'] = @"\infty", ['√'] = @"\surd", ['∫'] = @"\int", ['‖'] = @"\|", ['·'] = @"\cdot",
        ['±'] = @"\pm", ['∈'] = @"\in", ['ℓ'] = @"\ell", ['∝'] = @"\propto",
    };

    private static readonly Dictionary<char, char> Superscripts = new()
    {
        ['⁰'] = '0', ['¹'] = '1', ['²'] = '2', ['³'] = '3', ['⁴'] = '4', ['⁵'] = '5', ['⁶'] = '6', ['⁷'] = '7', ['⁸'] = '8', ['⁹'] = '9', ['⁻'] = '-', ['*'] = '*',
        ['ⁱ'] = 'i', ['ʲ'] = 'j', ['ᵏ'] = 'k', ['ˡ'] = 'l', ['ᵐ'] = 'm', ['ⁿ'] = 'n', ['ᵀ'] = 'T',
    };

    private static readonly Dictionary<char, char> Subscripts = new()
    {
        ['₀'] = '0', ['₁'] = '1', ['₂'] = '2', ['₃'] = '3', ['₄'] = '4', ['₅'] = '5', ['₆'] = '6', ['₇'] = '7', ['₈'] = '8', ['₉'] = '9',
    };

    /// <summary>
    /// Converts text to LaTeX: Greek letters and symbols become math, "x_ab" subscripts the word after
    /// the underscore when it follows a math symbol, Unicode super/subscripts become ^ and _.
    /// </summary>
    public static string From(string text)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (Math.TryGetValue(c, out var command))
            {
                sb.Append('$').Append(command);
                i = AppendScripts(text, i + 1, sb) - 1;
                sb.Append('$');
            }
            else if (Superscripts.TryGetValue(c, out var sup) && c != '*')
            {
                sb.Append("$^{").Append(sup);
                while (i + 1 < text.Length && Superscripts.TryGetValue(text[i + 1], out var more) && text[i + 1] != '*') { sb.Append(more); i++; }
                sb.Append("}$");
            }
            else if (Subscripts.TryGetValue(c, out var sub))
            {
                sb.Append("$_{").Append(sub);
                while (i + 1 < text.Length && Subscripts.TryGetValue(text[i + 1], out var more)) { sb.Append(more); i++; }
                sb.Append("}$");
            }
            else
            {
                sb.Append(Escape(c));
            }
        }
        return sb.ToString().Replace("$$", "");
    }

    /// <summary>Appends scripts that follow a math symbol (σ_w², χ₁, q*) inside the same math group.</summary>
    private static int AppendScripts(string text, int i, StringBuilder sb)
    {
        if (i < text.Length && text[i] == '_')
        {
            int start = ++i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) && !Superscripts.ContainsKey(text[i]))) i++;
            sb.Append("_{").Append(text, start, i - start).Append('}');
        }
        while (i < text.Length && Subscripts.TryGetValue(text[i], out var sub)) { sb.Append("_{").Append(sub).Append('}'); i++; }
        if (i < text.Length && Superscripts.ContainsKey(text[i]))
        {
            sb.Append("^{");
            while (i < text.Length && Superscripts.TryGetValue(text[i], out var sup)) { sb.Append(sup); i++; }
            sb.Append('}');
        }
        return i;
    }

    /// <summary>Escapes one character of plain text.</summary>
    private static string Escape(char c) => c switch
    {
        '\\' => @"\textbackslash{}",
        '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
        '½' => @"$\frac{1}{2}$",
        '~' => @"\textasciitilde{}",
        '<' => "$<$",
        '>' => "$>$",
        '^' => @"\textasciicircum{}",
        '–' => "--",
        '—' => "---",
        > '\u007f' => Fallback(c),
        _ => c.ToString(),
    };

    /// <summary>
    /// A character no table names: Latin letters with accents, which pdflatex's UTF-8 input sets, pass
    /// through; anything else becomes a visible '?' rather than an error that stops the whole document.
    /// </summary>
    private static string Fallback(char c) => "äöüÄÖÜéèêëàâçíìîïóòôúùûñåøæÆØÅ".Contains(c) ? c.ToString() : "?";
}

using System.Text;

namespace TheoryLab;

/// <summary>
/// Turns the Unicode text TheoryLab uses in labels, captions and findings (σ_w², χ₁, ∂C/∂s^k, Var[z^k], ≤ …) into
/// LaTeX that pdflatex compiles, with every symbol set in math, and escapes LaTeX's special characters.
/// </summary>
public static class LatexText
{
    private static readonly Dictionary<char, string> Math = new()
    {
        ['α'] = @"\alpha", ['β'] = @"\beta", ['γ'] = @"\gamma", ['Γ'] = @"\Gamma", ['δ'] = @"\delta", ['Δ'] = @"\Delta",
        ['ε'] = @"\varepsilon", ['ζ'] = @"\zeta", ['η'] = @"\eta", ['θ'] = @"\theta", ['κ'] = @"\kappa", ['λ'] = @"\lambda",
        ['μ'] = @"\mu", ['ν'] = @"\nu", ['ξ'] = @"\xi", ['π'] = @"\pi", ['Π'] = @"\Pi", ['ρ'] = @"\rho", ['σ'] = @"\sigma",
        ['Σ'] = @"\Sigma", ['τ'] = @"\tau", ['φ'] = @"\phi", ['ϕ'] = @"\phi", ['Φ'] = @"\Phi", ['χ'] = @"\chi", ['ψ'] = @"\psi", ['Ψ'] = @"\Psi",
        ['ω'] = @"\omega",
        ['≤'] = @"\leq", ['≥'] = @"\geq", ['≈'] = @"\approx", ['≠'] = @"\neq", ['≳'] = @"\gtrsim", ['∝'] = @"\propto",
        ['×'] = @"\times", ['·'] = @"\cdot", ['÷'] = @"\div", ['±'] = @"\pm", ['−'] = "-", ['∘'] = @"\circ", ['⊞'] = @"\boxplus",
        ['→'] = @"\to", ['←'] = @"\leftarrow", ['↦'] = @"\mapsto", ['∞'] = @"\infty", ['√'] = @"\surd", ['∫'] = @"\int",
        ['∏'] = @"\prod", ['∑'] = @"\sum", ['∂'] = @"\partial", ['∇'] = @"\nabla", ['‖'] = @"\|", ['∈'] = @"\in",
        ['⊂'] = @"\subset", ['⊆'] = @"\subseteq", ['ℓ'] = @"\ell", ['⋯'] = @"\cdots", ['⌈'] = @"\lceil", ['⌉'] = @"\rceil",
        ['⌊'] = @"\lfloor", ['⌋'] = @"\rfloor", ['⟨'] = @"\langle", ['⟩'] = @"\rangle", ['⪯'] = @"\preceq", ['⪰'] = @"\succeq",
        ['′'] = "'", ['″'] = "''", ['ŷ'] = @"\hat{y}", ['ᾱ'] = @"\bar{\alpha}", ['⋆'] = @"\star",
    };

    private static readonly Dictionary<char, char> Superscripts = new()
    {
        ['⁰'] = '0', ['¹'] = '1', ['²'] = '2', ['³'] = '3', ['⁴'] = '4', ['⁵'] = '5', ['⁶'] = '6', ['⁷'] = '7', ['⁸'] = '8', ['⁹'] = '9',
        ['⁻'] = '-', ['⁺'] = '+', ['⁽'] = '(', ['⁾'] = ')', ['ᵇ'] = 'b', ['ᵈ'] = 'd', ['ⁱ'] = 'i', ['ʲ'] = 'j', ['ᵏ'] = 'k', ['ˡ'] = 'l',
        ['ᵐ'] = 'm', ['ⁿ'] = 'n', ['ᵖ'] = 'p', ['ʳ'] = 'r', ['ˢ'] = 's', ['ˣ'] = 'x', ['ᵀ'] = 'T',
    };

    private static readonly Dictionary<char, char> Subscripts = new()
    {
        ['₀'] = '0', ['₁'] = '1', ['₂'] = '2', ['₃'] = '3', ['₄'] = '4', ['₅'] = '5', ['₆'] = '6', ['₇'] = '7', ['₈'] = '8', ['₉'] = '9',
        ['₊'] = '+', ['₋'] = '-', ['ₐ'] = 'a', ['ₑ'] = 'e', ['ₕ'] = 'h', ['ᵢ'] = 'i', ['ⱼ'] = 'j', ['ₖ'] = 'k', ['ₗ'] = 'l', ['ₘ'] = 'm',
        ['ₙ'] = 'n', ['ₚ'] = 'p', ['ₛ'] = 's', ['ₜ'] = 't', ['ᵥ'] = 'v', ['ₓ'] = 'x',
    };

    /// <summary>Combining accents (q̂, x̃, x̄) and the math accent each becomes.</summary>
    private static readonly Dictionary<char, string> Accents = new() { ['\u0302'] = @"\hat", ['\u0303'] = @"\tilde", ['\u0304'] = @"\bar" };

    private static readonly Dictionary<char, string> TextSymbols = new()
    {
        ['°'] = @"$^{\circ}$", ['½'] = @"$\frac{1}{2}$", ['⅓'] = @"$\frac{1}{3}$", ['¼'] = @"$\frac{1}{4}$", ['…'] = @"\ldots{}", ['–'] = "--", ['—'] = "---",
    };

    /// <summary>Words that are LaTeX's operators when they carry scripts: log₁₀ is \log_{10}.</summary>
    private static readonly HashSet<string> Operators = ["log", "ln", "exp", "sin", "cos", "tanh", "max", "min", "det"];

    /// <summary>Latin letters with accents, which pdflatex's UTF-8 input sets as they are.</summary>
    private const string AccentedLetters = "äöüÄÖÜéèêëàâçíìîïóòôúùûñåøæÆØÅ";

    /// <summary>
    /// Converts text to LaTeX: Greek letters and symbols become math; "x^k", "q^{l−1}", "ε^(−1/2)" and, after a
    /// single letter or a symbol, "x_k", "λ_min" become super- and subscripts with their base; Unicode super- and
    /// subscripts and combining accents join the math before them. Underscores of longer words (snake_case
    /// names) and every special character are escaped. A character with no conversion becomes a visible '?' rather
    /// than an error that stops the whole document (<see cref="Unconverted"/> lists them).
    /// </summary>
    public static string From(string text)
    {
        var sb = new StringBuilder();
        bool inMath = false;
        int i = 0;
        while (i < text.Length)
        {
            int end = BaseEnd(text, i);
            var math = new StringBuilder();
            if (end > i && (Math.ContainsKey(text[i]) || HasScripts(text, end, SingleLetterOrSymbol(text, i, end))))
                i = AppendScripts(text, end, math.Append(MathOf(text[i..end])), SingleLetterOrSymbol(text, i, end));
            else if (Superscripts.ContainsKey(text[i]) || Subscripts.ContainsKey(text[i]))
                i = AppendScripts(text, i, math, underscores: false);
            // Math right after math continues the same group, so "∂s" is \partial s rather than \partials.
            if (math.Length > 0)
            {
                sb.Append(inMath ? " " : "$").Append(math);
                inMath = true;
                continue;
            }
            // Relations and bars right after math join it, so "α₀|" is one group rather than $\alpha_{0}$$|$.
            if (inMath && text[i] is '<' or '>' or '|')
            {
                sb.Append(text[i++]);
                continue;
            }
            if (inMath) sb.Append('$');
            inMath = false;
            sb.Append(Escape(text[i]));
            i++;
        }
        if (inMath) sb.Append('$');
        return sb.ToString();
    }

    /// <summary>
    /// A name from code (a finding, an option, a file) in typewriter type, its underscores and hyphens places where a
    /// narrow table column may break it, so that mean_effective_smoothness_plain wraps instead of running into the
    /// next column.
    /// </summary>
    public static string Code(string name)
    {
        var sb = new StringBuilder(@"\texttt{");
        foreach (char c in name)
        {
            sb.Append(Escape(c));
            if (c is '_' or '-' or '/') sb.Append(@"\allowbreak{}");
        }
        return sb.Append('}').ToString();
    }

    /// <summary>The characters of <paramref name="text"/> that <see cref="From"/> cannot convert (it prints '?' for them).</summary>
    public static IEnumerable<char> Unconverted(string text) =>
        text.Where(c => c > '\u007f' && !Math.ContainsKey(c) && !Superscripts.ContainsKey(c) && !Subscripts.ContainsKey(c)
            && !Accents.ContainsKey(c) && !TextSymbols.ContainsKey(c) && !AccentedLetters.Contains(c)).Distinct();

    /// <summary>
    /// Where a possible base of scripts that starts at <paramref name="i"/> ends: one math symbol, a run of digits,
    /// a run of ASCII letters, or a closing bracket or bar (|x|^p); <paramref name="i"/> itself when none starts there.
    /// </summary>
    private static int BaseEnd(string text, int i)
    {
        char c = text[i];
        if (Math.ContainsKey(c) || c is ')' or ']' or '|') return i + 1;
        int end = i;
        if (char.IsAsciiDigit(c)) while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
        else if (char.IsAsciiLetter(c) && (i == 0 || !char.IsAsciiLetter(text[i - 1]))) while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
        return end;
    }

    /// <summary>A base that takes a subscript from "_": one letter standing alone, a symbol or a bracket, never a snake_case word.</summary>
    private static bool SingleLetterOrSymbol(string text, int start, int end) =>
        end - start == 1 && !char.IsAsciiDigit(text[start]);

    private static bool HasScripts(string text, int i, bool underscores) =>
        i < text.Length && (text[i] == '^' && ScriptArgumentEnd(text, i + 1) > i + 1
            || underscores && text[i] == '_' && ScriptArgumentEnd(text, i + 1) > i + 1
            || Superscripts.ContainsKey(text[i]) || Subscripts.ContainsKey(text[i]) || Accents.ContainsKey(text[i]));

    /// <summary>Appends the scripts and accents that follow a base (σ_w², χ₁, q*, s^k, q̂) to the same math group.</summary>
    private static int AppendScripts(string text, int i, StringBuilder math, bool underscores)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (Accents.TryGetValue(c, out var accent))
            {
                math.Insert(0, accent + "{").Append('}');
                i++;
            }
            else if ((c == '^' || c == '_' && underscores) && ScriptArgumentEnd(text, i + 1) is var end && end > i + 1)
            {
                string argument = text[(i + 1)..end];
                if (argument[0] is '{' or '(' && argument.Length > 1) argument = argument[1..^1];
                math.Append(c).Append('{').Append(MathOf(argument, script: true)).Append('}');
                i = end;
            }
            else if (Superscripts.ContainsKey(c) || Subscripts.ContainsKey(c))
            {
                var scripts = Superscripts.ContainsKey(c) ? Superscripts : Subscripts;
                math.Append(scripts == Superscripts ? "^{" : "_{");
                while (i < text.Length && scripts.TryGetValue(text[i], out var s)) { math.Append(s == '*' ? "*" : s.ToString()); i++; }
                math.Append('}');
            }
            else if (c == '*' && (i + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[i + 1])))
            {
                math.Append("^{*}");
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    /// <summary>The end of a script's argument: a braced or parenthesised group, or a signed word or number; the start when there is none.</summary>
    private static int ScriptArgumentEnd(string text, int i)
    {
        if (i >= text.Length) return i;
        if (text[i] is '{' or '(')
        {
            char close = text[i] == '{' ? '}' : ')';
            int depth = 0;
            for (int j = i; j < text.Length; j++)
            {
                if (text[j] == text[i]) depth++;
                else if (text[j] == close && --depth == 0) return j + 1;
            }
            return i;
        }
        int end = i;
        if (text[end] is '-' or '−' or '*') end++;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || Math.ContainsKey(text[end]) && char.IsLetter(text[end]))) end++;
        return end > i && !(end == i + 1 && text[i] is '-' or '−') ? end : i;
    }

    /// <summary>Math for a base or a script: symbols as commands, words of several letters upright (min, max) in scripts.</summary>
    private static string MathOf(string text, bool script = false)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (Math.TryGetValue(c, out var command))
            {
                sb.Append(command);
                if (command.StartsWith('\\') && char.IsLetter(command[^1]) && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1])) sb.Append(' ');
            }
            else if (char.IsAsciiLetter(c) && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]) && (i == 0 || !char.IsAsciiLetter(text[i - 1])))
            {
                int end = i;
                while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
                string word = text[i..end];
                sb.Append(!script && Operators.Contains(word) ? "\\" + word : $@"\mathrm{{{word}}}");
                i = end - 1;
            }
            else if (Superscripts.TryGetValue(c, out var sup)) sb.Append("^{").Append(sup).Append('}');
            else if (Subscripts.TryGetValue(c, out var sub)) sb.Append("_{").Append(sub).Append('}');
            else sb.Append(c is '{' or '}' or '%' or '#' or '&' ? "\\" + c : c.ToString());
        }
        return sb.ToString();
    }

    /// <summary>Escapes one character of plain text.</summary>
    private static string Escape(char c) => c switch
    {
        '\\' => @"\textbackslash{}",
        '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
        '~' => @"\textasciitilde{}",
        '<' => "$<$",
        '>' => "$>$",
        '|' => "$|$",
        '^' => @"\textasciicircum{}",
        _ when TextSymbols.TryGetValue(c, out var symbol) => symbol,
        > '\u007f' => AccentedLetters.Contains(c) ? c.ToString() : "?",
        _ => c.ToString(),
    };
}

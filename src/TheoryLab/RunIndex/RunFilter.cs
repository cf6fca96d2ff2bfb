namespace TheoryLab.RunIndex;

/// <summary>
/// The --where language: comparisons (=, !=, &lt;, &lt;=, &gt;, &gt;=) of an option, a finding, status, experiment or
/// seed with a value, joined by and / or (and binding tighter), translated to an SQL condition on the runs table.
/// The SQL holds only the fixed pieces written here; every name and value the user typed travels as a parameter.
/// A value that reads as a number is compared as one; otherwise options compare as text and findings by outcome
/// (diverged, not-reached, measured).
/// </summary>
public sealed class RunFilter
{
    public static readonly string[] Fields = ["experiment", "seed", "status"];
    private static readonly string[] Operators = ["!=", "<=", ">=", "=", "<", ">"];
    private const string Example = "write comparisons joined by and/or, such as sigma_w2>2 and status=completed";

    public string Sql { get; }
    public IReadOnlyList<(string Name, object Value)> Parameters { get; }

    private RunFilter(string sql, IReadOnlyList<(string, object)> parameters) => (Sql, Parameters) = (sql, parameters);

    /// <summary>The condition <paramref name="text"/> states over the runs of an index whose names are <paramref name="names"/>.</summary>
    public static RunFilter Parse(string text, IndexNames names)
    {
        var tokens = Tokens(text);
        var sql = new List<string>();
        var parameters = new List<(string, object)>();
        int k = 0;
        while (true)
        {
            if (k == tokens.Count) throw Bad(text, "it ends where a comparison should follow");
            if (k + 1 == tokens.Count || tokens[k + 1].Quoted || !Operators.Contains(tokens[k + 1].Text))
                throw Bad(text, $"expected =, !=, <, <=, > or >= after '{tokens[k].Text}'");
            if (k + 2 == tokens.Count) throw Bad(text, $"it ends where a value should follow '{tokens[k].Text} {tokens[k + 1].Text}'");
            sql.Add(Comparison(tokens[k].Text, tokens[k + 1].Text, tokens[k + 2].Text, names, parameters));
            k += 3;
            if (k == tokens.Count) return new RunFilter(string.Join(" ", sql), parameters);
            string join = tokens[k].Text.ToLowerInvariant();
            if (tokens[k].Quoted || join is not ("and" or "or"))
                throw Bad(text, $"expected 'and' or 'or' before '{tokens[k].Text}'");
            sql.Add(join == "and" ? "AND" : "OR");
            k++;
        }
    }

    private static string Comparison(string name, string op, string value, IndexNames names, List<(string, object)> parameters)
    {
        double? number = IndexBuilder.Number(value);
        string valueParameter = Add(parameters, number is { } n ? n : value);
        if (name == "seed")
            return number is not null ? $"r.seed {op} {valueParameter}"
                : throw new TheoryLabException($"--where: seed compares with a whole number, not '{value}'; write e.g. seed=0.");
        if (name is "experiment" or "status") return $"r.{name} {op} {valueParameter}";
        if (names.Options.Contains(name))
            return $"EXISTS (SELECT 1 FROM options o WHERE o.dir = r.dir AND o.name = {Add(parameters, name)} AND o.{(number is null ? "value" : "number")} {op} {valueParameter})";
        if (names.Findings.Contains(name))
            return $"EXISTS (SELECT 1 FROM findings f WHERE f.dir = r.dir AND f.name = {Add(parameters, name)} AND f.{(number is null ? "outcome" : "value")} {op} {valueParameter})";
        throw new TheoryLabException($"--where: no run has an option or finding named '{name}'; the names are {string.Join(", ", names.All)}.");
    }

    private static string Add(List<(string, object)> parameters, object value)
    {
        string name = $"$p{parameters.Count}";
        parameters.Add((name, value));
        return name;
    }

    private static TheoryLabException Bad(string text, string why) => new($"--where '{text}': {why}; {Example}.");

    private readonly record struct Token(string Text, bool Quoted);

    /// <summary>Words, operators, and values in single or double quotes (which may hold spaces and operators).</summary>
    private static List<Token> Tokens(string text)
    {
        var tokens = new List<Token>();
        int k = 0;
        while (k < text.Length)
        {
            char c = text[k];
            if (char.IsWhiteSpace(c)) { k++; continue; }
            if (c is '\'' or '"')
            {
                int end = text.IndexOf(c, k + 1);
                if (end < 0) throw Bad(text, $"the quote at character {k + 1} is not closed");
                tokens.Add(new Token(text[(k + 1)..end], true));
                k = end + 1;
                continue;
            }
            if (Operators.FirstOrDefault(o => string.CompareOrdinal(text, k, o, 0, o.Length) == 0) is { } op)
            {
                tokens.Add(new Token(op, false));
                k += op.Length;
                continue;
            }
            int start = k;
            while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] is not ('\'' or '"' or '=' or '!' or '<' or '>')) k++;
            if (k == start) throw Bad(text, $"'{text[k]}' at character {k + 1} is not an operator");
            tokens.Add(new Token(text[start..k], false));
        }
        return tokens;
    }
}

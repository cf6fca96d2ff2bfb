using System.Globalization;
using System.Text;

namespace TheoryLab.Options;

/// <summary>Parsing and canonical formatting of option values: the one place that knows the option types.</summary>
public static class OptionValues
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Describe(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(double) => "number",
        _ when type == typeof(bool) => "flag",
        _ when type == typeof(string) => "text",
        _ when type.IsEnum => "choice",
        _ when type == typeof(int[]) => "list of integers",
        _ when type == typeof(double[]) => "list of numbers",
        _ when type == typeof(string[]) => "list of texts",
        _ => throw new NotSupportedException($"option type {type.Name} is not supported"),
    };

    /// <summary>Canonical text of a value: invariant culture, round-trip numbers, lists comma-separated.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", Invariant),
        float f => f.ToString("R", Invariant),
        bool b => b ? "true" : "false",
        Enum e => Kebab(e.ToString()),
        string s => s,
        int[] a => string.Join(",", a.Select(x => x.ToString(Invariant))),
        double[] a => string.Join(",", a.Select(x => x.ToString("R", Invariant))),
        string[] a => string.Join(",", a),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/>, or returns an error sentence.</summary>
    public static bool TryParse(Type type, string text, out object? value, out string error)
    {
        text = text.Trim();
        value = null;
        error = "";
        if (type == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, Invariant, out int i)) { value = i; return true; }
            error = $"expects an integer, got '{text}'";
        }
        else if (type == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.Integer, Invariant, out long l)) { value = l; return true; }
            error = $"expects an integer, got '{text}'";
        }
        else if (type == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, Invariant, out double d) && double.IsFinite(d)) { value = d; return true; }
            error = $"expects a number, got '{text}'";
        }
        else if (type == typeof(bool))
        {
            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "1" or "on": value = true; return true;
                case "false" or "no" or "0" or "off": value = false; return true;
            }
            error = $"expects true or false, got '{text}'";
        }
        else if (type == typeof(string))
        {
            value = text;
            return true;
        }
        else if (type.IsEnum)
        {
            var match = Enum.GetNames(type).FirstOrDefault(n => Kebab(n) == text.ToLowerInvariant() || n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (match is not null) { value = Enum.Parse(type, match); return true; }
            error = $"expects one of {string.Join(", ", Enum.GetNames(type).Select(Kebab))}, got '{text}'";
        }
        else if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var parts = text.Length == 0 ? [] : text.Split(',');
            var array = Array.CreateInstance(element, parts.Length);
            for (int k = 0; k < parts.Length; k++)
            {
                if (!TryParse(element, parts[k], out var item, out var itemError))
                {
                    error = $"expects a comma-separated {Describe(type)}; item {k + 1} {itemError}";
                    return false;
                }
                array.SetValue(item, k);
            }
            value = array;
            return true;
        }
        else
        {
            error = $"has unsupported type {type.Name}";
        }
        return false;
    }

    /// <summary>PascalCase → kebab-case, for enum values (<c>HardTanh</c> → <c>hard-tanh</c>).</summary>
    public static string Kebab(string name) => Separate(name, '-');

    /// <summary>PascalCase → snake_case, for option names (<c>SigmaW2</c> → <c>sigma_w2</c>).</summary>
    public static string Snake(string name) => Separate(name, '_');

    private static string Separate(string name, char separator)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0) sb.Append(separator);
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

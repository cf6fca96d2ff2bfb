using System.Reflection;
using System.Text.Json;

namespace TheoryLab.Options;

/// <summary>
/// The options of one options record type: lists them, binds text values to them (from <c>--set</c>,
/// a JSON config file or a script), checks ranges in one place, and reports the non-default ones.
/// </summary>
public sealed class OptionSchema
{
    private readonly string _owner;
    private readonly object _defaults;

    public OptionSchema(Type optionsType, object defaults, string owner)
    {
        _owner = owner;
        _defaults = defaults;
        Options = Declared(optionsType, defaults, group: null)
            .Concat(optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<OptionGroupAttribute>() is not null)
                .SelectMany(p => Declared(p.PropertyType, p.GetValue(defaults)!, p)))
            .ToList();
        if (Options.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"{owner} declares option '{twice.Key}' twice, directly or through an option group.");
    }

    private static IEnumerable<OptionDescriptor> Declared(Type type, object defaults, PropertyInfo? group) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<OptionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new OptionDescriptor(OptionValues.Snake(x.Property.Name), x.Property, x.Attribute!, x.Property.GetValue(defaults), group));

    public IReadOnlyList<OptionDescriptor> Options { get; }

    public OptionDescriptor Find(string name) =>
        Options.FirstOrDefault(o => o.Name == name)
        ?? throw new TheoryLabException(
            $"unknown option '{name}' for {_owner}; valid options: {string.Join(", ", Options.Select(o => o.Name))}" +
            Suggestions.DidYouMean(name, Options.Select(o => o.Name)));

    /// <summary>A copy of <paramref name="options"/> with the given values set, each parsed and range-checked.</summary>
    public object Bind(object options, IEnumerable<KeyValuePair<string, string>> values)
    {
        var copy = Clone(options);
        foreach (var (name, text) in values)
        {
            var option = Find(name.Trim().Replace('-', '_'));
            if (!OptionValues.TryParse(option.Type, text, out var value, out var error))
                throw new TheoryLabException($"option '{option.Name}' {error}; see 'theorylab describe {_owner}'.");
            option.SetIn(copy, value);
        }
        Validate(copy);
        return copy;
    }

    /// <summary>Binds a JSON object of option values (a <c>--config</c> file's contents).</summary>
    public object BindJson(object options, string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new TheoryLabException($"{source} is not valid JSON ({e.Message}); it must be an object of option names and values.");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new TheoryLabException($"{source} must hold a JSON object of option names and values, such as {{\"depth\": 10}}.");
            var values = doc.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, JsonText(p.Value))).ToList();
            return Bind(options, values);
        }
    }

    /// <summary>Checks every option's range and choices; throws a message that states the allowed range.</summary>
    public void Validate(object options)
    {
        foreach (var option in Options)
        {
            var value = option.ValueIn(options);
            string? problem = RangeProblem(option, value);
            if (problem is not null)
                throw new TheoryLabException($"option '{option.Name}' = {OptionValues.Format(value)} is out of range: {problem}.");
        }
    }

    /// <summary>Every option with its canonical text, sorted by name.</summary>
    public SortedDictionary<string, string> Values(object options) =>
        new(Options.ToDictionary(o => o.Name, o => OptionValues.Format(o.ValueIn(options))), StringComparer.Ordinal);

    /// <summary>Whether the option called <paramref name="name"/> can change a result; one this schema does not know is taken to.</summary>
    public bool ChangesResults(string name) => Options.FirstOrDefault(o => o.Name == name)?.Attribute.ChangesResults ?? true;

    /// <summary>The options whose value differs from the default, sorted by name.</summary>
    public SortedDictionary<string, string> NonDefault(object options)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in Options)
        {
            string value = OptionValues.Format(option.ValueIn(options));
            if (value != OptionValues.Format(option.Default)) result[option.Name] = value;
        }
        return result;
    }

    private static string? RangeProblem(OptionDescriptor option, object? value)
    {
        var a = option.Attribute;
        switch (value)
        {
            case null:
                return "a value is required";
            case string s when option.Choices is { Count: > 0 } choices && !choices.Contains(s):
                return "must be one of " + string.Join(", ", choices);
            case string[] list when option.Choices is { Count: > 0 } choices && list.FirstOrDefault(x => !choices.Contains(x)) is { } bad:
                return $"'{bad}' is not one of " + string.Join(", ", choices);
            case Array { Length: 0 } when option.Type != typeof(string[]) && !a.AllowEmpty:
                return "the list must not be empty";
            case Array array when option.Type != typeof(string[]):
                foreach (var item in array)
                    if (OutOfRange(Convert.ToDouble(item, System.Globalization.CultureInfo.InvariantCulture), a))
                        return $"each item must be in {option.RangeText}";
                return null;
            case int or long or double:
                return OutOfRange(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), a) ? $"must be {option.RangeText}" : null;
            default:
                return null;
        }
    }

    private static bool OutOfRange(double x, OptionAttribute a) => double.IsNaN(x) || x < a.Min || x > a.Max;

    private static string JsonText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => string.Join(",", e.EnumerateArray().Select(JsonText)),
        JsonValueKind.String => e.GetString() ?? "",
        _ => e.GetRawText(),
    };

    /// <summary>A shallow copy of a record through its compiler-generated clone method, so <c>init</c> setters can be used.</summary>
    internal static object Clone(object options)
    {
        var clone = options.GetType().GetMethod("<Clone>$") ?? throw new InvalidOperationException($"{options.GetType().Name} must be a record");
        return clone.Invoke(options, null)!;
    }
}

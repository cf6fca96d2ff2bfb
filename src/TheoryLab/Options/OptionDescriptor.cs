using System.Reflection;

namespace TheoryLab.Options;

/// <summary>One option of an options record: its name, type, default, allowed range and meaning.</summary>
/// <param name="Group">The owner's property holding the <see cref="OptionGroupAttribute"/> record that declares it, or null.</param>
public sealed record OptionDescriptor(string Name, PropertyInfo Property, OptionAttribute Attribute, object? Default, PropertyInfo? Group = null)
{
    /// <summary>The option's value in <paramref name="options"/>, a record of the owner's type.</summary>
    public object? ValueIn(object options) => Property.GetValue(Group is null ? options : Group.GetValue(options));

    /// <summary>Sets the option in <paramref name="options"/>, a copy the caller owns; a group record is copied before it is changed, since the original may be shared.</summary>
    internal void SetIn(object options, object? value)
    {
        if (Group is null)
        {
            Property.SetValue(options, value);
            return;
        }
        var group = OptionSchema.Clone(Group.GetValue(options)!);
        Property.SetValue(group, value);
        Group.SetValue(options, group);
    }

    public Type Type => Property.PropertyType;
    public string Meaning => Attribute.Meaning;

    /// <summary>The allowed values of a text option, listed on it or derived from its registry; null where any text is allowed.</summary>
    public IReadOnlyList<string>? Choices { get; } = ChoicesOf(Name, Attribute);

    /// <summary>A short type name for help texts: integer, number, text, flag, list of integers, ….</summary>
    public string TypeName => OptionValues.Describe(Type);

    /// <summary>The default as help texts show it: the value, or for a derived option its rule and what it gives here.</summary>
    public string DefaultText => Attribute.Derived is { } rule ? $"derived: {rule} ({OptionValues.Format(Default)} with the defaults)" : OptionValues.Format(Default);

    /// <summary>The allowed values in words, or an empty string where anything of the type is allowed.</summary>
    public string RangeText
    {
        get
        {
            var a = Attribute;
            if (Choices is { Count: > 0 }) return "one of " + string.Join(", ", Choices);
            if (Type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(Type).Select(OptionValues.Kebab));
            bool hasMin = !double.IsNegativeInfinity(a.Min), hasMax = !double.IsPositiveInfinity(a.Max);
            if (hasMin && hasMax) return $"[{OptionValues.Format(a.Min)}, {OptionValues.Format(a.Max)}]";
            if (hasMin) return $"≥ {OptionValues.Format(a.Min)}";
            if (hasMax) return $"≤ {OptionValues.Format(a.Max)}";
            return "";
        }
    }

    /// <summary>A misdeclared option is the programmer's error, found when the schema is built (the conformance suite builds every one).</summary>
    private static IReadOnlyList<string>? ChoicesOf(string name, OptionAttribute a)
    {
        if (a.ChoicesFrom is not { } source) return a.Choices;
        if (a.Choices is not null)
            throw new InvalidOperationException($"option '{name}' lists its choices and also takes them from {source.Name}; give one.");
        if (!source.IsAssignableTo(typeof(IChoiceList)))
            throw new InvalidOperationException($"option '{name}' takes its choices from {source.Name}, which does not implement {nameof(IChoiceList)}.");
        var property = source.GetProperty(nameof(IChoiceList.Choices), BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{source.Name} must implement {nameof(IChoiceList)}.{nameof(IChoiceList.Choices)} as a public static property.");
        return (IReadOnlyList<string>)property.GetValue(null)!;
    }
}

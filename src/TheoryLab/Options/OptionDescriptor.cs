using System.Reflection;

namespace TheoryLab.Options;

/// <summary>One option of an options record: its name, type, default, allowed range and meaning.</summary>
public sealed record OptionDescriptor(string Name, PropertyInfo Property, OptionAttribute Attribute, object? Default)
{
    public Type Type => Property.PropertyType;
    public string Meaning => Attribute.Meaning;

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
            if (a.Choices is { Length: > 0 }) return "one of " + string.Join(", ", a.Choices);
            if (Type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(Type).Select(OptionValues.Kebab));
            bool hasMin = !double.IsNegativeInfinity(a.Min), hasMax = !double.IsPositiveInfinity(a.Max);
            if (hasMin && hasMax) return $"[{OptionValues.Format(a.Min)}, {OptionValues.Format(a.Max)}]";
            if (hasMin) return $"≥ {OptionValues.Format(a.Min)}";
            if (hasMax) return $"≤ {OptionValues.Format(a.Max)}";
            return "";
        }
    }
}

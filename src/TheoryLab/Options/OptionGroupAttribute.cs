namespace TheoryLab.Options;

/// <summary>
/// Marks a property whose value is a record of options that several experiments share (how a run uses the machine,
/// say): the record's options are listed, bound, validated and named as if the owner declared them, so a knob is
/// declared once. An owner sets its own defaults through the property's initialiser.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OptionGroupAttribute : Attribute;

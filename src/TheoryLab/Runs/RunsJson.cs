using System.Text.Json.Serialization;

namespace TheoryLab.Runs;

/// <summary>
/// Source-generated JSON for the files this layer writes, so they also work where reflection-based JSON is off
/// (file-based apps such as those in examples/ turn it off by default).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(FigureDescription))]
internal sealed partial class RunsJson : JsonSerializerContext;

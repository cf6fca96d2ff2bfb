using System.Text.Json.Serialization;
using TheoryLab.Report;
using TheoryLab.Report.Checks;
using TheoryLab.Runs;

namespace TheoryLab.Json;

/// <summary>
/// Source-generated JSON for every file TheoryLab writes, so it also works where reflection-based JSON is
/// off (file-based apps such as those in examples/ turn it off by default).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(ReportManifest))]
[JsonSerializable(typeof(ReportCheckDocument))]
internal sealed partial class TheoryLabJson : JsonSerializerContext;

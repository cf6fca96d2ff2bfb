using System.Reflection;
using TheoryLab.Experiments;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Tables;
using TheoryLab.Tests.Conformance;
using TheoryLab.Tests.Experiments;

namespace TheoryLab.Tests.Architecture;

/// <summary>
/// Every experiment measures apart from presenting: <c>Measure</c> computes a typed <c>Measurement</c> that holds no
/// presentation, and a static <c>Present</c> in the experiment's <c>.Presentation.cs</c> turns it into the result, so
/// a new experiment copies one shape and the presentation cannot train or draw random numbers of its own.
/// </summary>
public class MeasurePresentShapeTests
{
    public static TheoryData<string> Ids => [.. ExperimentRegistry.Default.All.Select(e => e.Id)];

    private static readonly Type[] PresentationTypes = [typeof(Table), typeof(ExperimentResult), typeof(Figure), typeof(Series), typeof(Finding)];

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Experiment_MeasuresATypedMeasurement_ThatAStaticPresentTurnsIntoItsResult(string id)
    {
        var type = ExperimentRegistry.Default.Get(id).GetType();
        var problems = ShapeProblems(type);
        Assert.True(problems.Count == 0, $"{id} ({type.Name}) is not in the measure/present shape (docs/adding-an-experiment.md, step 8): " + string.Join("; ", problems));
    }

    [Fact]
    public void TheShapeCheck_RejectsAnExperimentThatBuildsItsResultInRun()
    {
        var problems = ShapeProblems(typeof(ProbeExperiment));
        Assert.Contains(problems, p => p.Contains("no nested Measurement", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ProbeExperiment.Presentation.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void TheHeldTypesScan_FindsATableInsideAList_AndNothingInAMeasurementOfNumbers()
    {
        Assert.Equal([typeof(Table)], PresentationHeldBy(typeof(MeasurementWithTables)));
        Assert.Empty(PresentationHeldBy(typeof(MeasurementOfNumbers)));
    }

    private static List<string> ShapeProblems(Type experiment)
    {
        var problems = new List<string>();
        var options = OptionsType(experiment);
        var measurement = experiment.GetNestedType("Measurement", BindingFlags.NonPublic | BindingFlags.Public);
        if (measurement is null)
        {
            problems.Add("no nested Measurement type");
        }
        else
        {
            problems.AddRange(PresentationHeldBy(measurement).Select(t => $"its Measurement holds a {t.Name}, which is presentation"));
            var methods = experiment.GetMethods(Declared);
            if (!methods.Any(m => m.Name == "Measure" && m.ReturnType == measurement && m.GetParameters().Any(p => p.ParameterType == typeof(RunContext))))
                problems.Add("no Measure(options, RunContext, …) that returns its Measurement");
            if (!methods.Any(m => m.Name == "Present" && m.IsStatic && m.ReturnType == typeof(ExperimentResult)
                    && m.GetParameters().Select(p => p.ParameterType).SequenceEqual([options, measurement])))
                problems.Add($"no static Present({options.Name}, Measurement) that returns its ExperimentResult");
        }
        string file = $"{experiment.Name}.Presentation.cs";
        if (Directory.GetFiles(Repository.PathOf("src/TheoryLab/Experiments"), file, SearchOption.AllDirectories).Length != 1)
            problems.Add($"no {file} beside it under src/TheoryLab/Experiments");
        return problems;
    }

    private static Type OptionsType(Type experiment)
    {
        for (var t = experiment; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Experiment<>)) return t.GetGenericArguments()[0];
        throw new InvalidOperationException($"{experiment.Name} does not derive from Experiment<TOptions>.");
    }

    /// <summary>
    /// The presentation types a measurement reaches through its fields, their elements and type arguments, and the
    /// fields of TheoryLab's own types it holds.
    /// </summary>
    private static IEnumerable<Type> PresentationHeldBy(Type measurement)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([measurement]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type)) continue;
            if (PresentationTypes.Any(p => p.IsAssignableFrom(type))) { yield return type; continue; }
            if (type.HasElementType) pending.Push(type.GetElementType()!);
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : []) pending.Push(argument);
            if (type.Namespace?.StartsWith("TheoryLab", StringComparison.Ordinal) == true)
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)) pending.Push(field.FieldType);
        }
    }

    private sealed record MeasurementWithTables(double[] Values, IReadOnlyList<Table> Tables);

    private sealed record MeasurementOfNumbers(double[] Values, IReadOnlyDictionary<string, List<double>> Curves, Step[] Steps);

    private sealed record Step(long Index, double Loss);
}

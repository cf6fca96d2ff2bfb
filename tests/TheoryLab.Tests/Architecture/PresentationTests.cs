using TheoryLab.Kernel;
using TheoryLab.Tests.Experiments.Architecture;

namespace TheoryLab.Tests.Architecture;

/// <summary>How experiments hand their tables to their figures.</summary>
public class PresentationTests
{
    /// <summary>The experiments' own code that looks a table of a result up by its name.</summary>
    private static List<string> TableLookups(System.Reflection.Assembly assembly, Func<Type, bool> owners) =>
        TypeReferences.MethodsCalled(assembly)
            .Where(c => owners(c.Owner) && c.Called.DeclaringType == typeof(ExperimentResult) && c.Called.Name == nameof(ExperimentResult.Table))
            .Select(c => c.Owner.FullName!)
            .Distinct()
            .ToList();

    /// <summary>
    /// An experiment passes the tables it built to the code that draws or summarises them, so a figure's table is a
    /// variable the compiler checks, not a name looked up at run time (where a typo or a rename fails only when run).
    /// Readers of a finished result (tests, the report) may still look tables up by name.
    /// </summary>
    [Fact]
    public void NoExperiment_ReadsItsOwnTablesBackByName()
    {
        var lookups = TableLookups(typeof(IExperiment).Assembly, t => t.Namespace?.StartsWith("TheoryLab.Experiments", StringComparison.Ordinal) == true);
        Assert.True(lookups.Count == 0, "these experiments read a table of their result back by name; pass the Table instead: " + string.Join(", ", lookups));
    }

    [Fact]
    public void TheLookupScan_FindsATestThatReadsATableByName() =>
        Assert.Contains(typeof(LeNet5Tests).FullName!, TableLookups(typeof(PresentationTests).Assembly, t => t == typeof(LeNet5Tests)));
}

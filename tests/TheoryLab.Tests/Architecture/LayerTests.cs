using TheoryLab.Kernel;

namespace TheoryLab.Tests.Architecture;

public class LayerTests
{
    [Fact]
    public void NoTypeUsesALayerAboveItsOwn_NorAnotherTopic()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, used) in TypeReferences.Of(typeof(IExperiment).Assembly))
            foreach (var target in used.Where(u => u.Assembly == type.Assembly))
                if (Layers.Violation(type.Namespace, target.Namespace) is { } why)
                    violations.Add($"{type.FullName} → {target.FullName}: {why}");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Fact]
    public void EveryNamespaceOfTheLibrary_HasALayer()
    {
        var unplaced = typeof(IExperiment).Assembly.GetTypes()
            .Select(t => t.Namespace).Distinct()
            .Where(ns => ns is not null && ns.StartsWith("TheoryLab", StringComparison.Ordinal) && Layers.Of(ns) <= 0 && ns != "TheoryLab")
            .ToArray();
        Assert.Empty(unplaced);
    }

    /// <summary>The explorer may use every layer of the library but not the command above it, which starts it.</summary>
    [Fact]
    public void TheExplorer_UsesTheLibrary_ButNotTheCommandLine()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, used) in TypeReferences.Of(typeof(TheoryLab.Web.Explorer).Assembly))
            foreach (var target in used.Where(u => u.Namespace?.StartsWith("TheoryLab", StringComparison.Ordinal) == true))
                if (Layers.Violation(type.Namespace, target.Namespace) is { } why)
                    violations.Add($"{type.FullName} → {target.FullName}: {why}");
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    /// <summary>The library stays free of the web server: a script or another front end gets no ASP.NET Core with it.</summary>
    [Fact]
    public void TheLibrary_DoesNotReferenceAspNetCore()
    {
        var references = typeof(IExperiment).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(typeof(TheoryLab.Web.Explorer).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TheoryLab.Web", "TheoryLab.Cli")]                                // the explorer may not reach into the command that starts it
    [InlineData("TheoryLab.Torch", "TheoryLab.Kernel")]                          // the kernel's old home: Torch used RunContext
    [InlineData("TheoryLab.Figures", "TheoryLab.Kernel")]                        // Figures ↔ Experiments
    [InlineData("TheoryLab.Runs", "TheoryLab.Report")]                           // Runner called the report's Bibliography
    [InlineData("TheoryLab.Models.PiecewiseLinear", "TheoryLab.Training")]       // GradientFit was training code in Models
    [InlineData("TheoryLab.Experiments.Landscape", "TheoryLab.Experiments.Optimization")] // ModeConnectivity's LogLogFit
    public void TheRule_CatchesEachViolationTheReadFound(string user, string used)
    {
        Assert.NotNull(Layers.Violation(user, used));
    }

    [Theory]
    [InlineData("TheoryLab.Experiments.Landscape", "TheoryLab.Training")]
    [InlineData("TheoryLab.Experiments", "TheoryLab.Experiments.Landscape")]     // the registry lists the topics
    [InlineData("TheoryLab.Models.ResNets", "TheoryLab.Models.ConvNets")]
    [InlineData("TheoryLab.Runs", "TheoryLab.Citations")]
    public void TheRule_AllowsUsingWhatLiesBelow(string user, string used)
    {
        Assert.Null(Layers.Violation(user, used));
    }

    /// <summary>
    /// Numbers must not depend on what ran before them in the process: the library draws only from generators seeded
    /// from a run's seed, so no type of it may seed torch's global generator (the registry suite checks the other half,
    /// that no finding reads it).
    /// </summary>
    [Fact]
    public void NoTypeOfTheLibrary_SeedsTorchsGlobalGenerator()
    {
        var seeding = TypeReferences.MethodsCalled(typeof(IExperiment).Assembly)
            .Where(c => c.Called.Name is "manual_seed" or "seed" && c.Called.DeclaringType?.Assembly == typeof(TorchSharp.torch).Assembly)
            .Select(c => $"{c.Owner.FullName} calls {c.Called.DeclaringType!.Name}.{c.Called.Name}")
            .Distinct()
            .ToList();
        Assert.Empty(seeding);
    }

    [Fact]
    public void TheSeedingScan_FindsACallToManualSeed()
    {
        var seeding = TypeReferences.MethodsCalled(typeof(LayerTests).Assembly)
            .Where(c => c.Owner == typeof(TheoryLab.Tests.Training.TrainerTests) && c.Called.Name == "manual_seed");
        Assert.NotEmpty(seeding);
    }
}

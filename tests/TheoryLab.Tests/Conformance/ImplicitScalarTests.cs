namespace TheoryLab.Tests.Conformance;

/// <summary>
/// The implicit Scalar conversions in the library, against the record of those not yet made explicit
/// (implicit-scalars.txt, a count per file): a new one fails, and so does a file whose count fell, so that the record
/// shrinks with the debt; and in the tests, where there must be none, since they run in parallel
/// (TestOrder.cs).
/// </summary>
public class ImplicitScalarTests
{
    private static readonly string Record = Repository.PathOf("tests/TheoryLab.Tests/Conformance/implicit-scalars.txt");

    [Fact]
    public void Scan_FlagsAnImplicitConversion_AndNotAnExplicitScalarKeptAlive()
    {
        var sites = ImplicitScalars.InSource("""
            using TorchSharp;
            using static TorchSharp.torch;
            static class C
            {
                static Tensor Implicit(Tensor x) => x * 2.0;
                static Tensor Explicit(Tensor x)
                {
                    using var two = 2.0.ToScalar();
                    return x * two;
                }
                static Tensor Alpha(Tensor x, double eta) => x.add(x, alpha: eta);
            }
            """);
        Assert.Equal([(5, "x * 2.0"), (11, "eta")], sites.Select(s => (s.Line, s.Expression)));
    }

    [Fact]
    [Trait("Category", QuickRunsCollection.Category)]
    public void Library_HasExactlyTheRecordedImplicitScalars()
    {
        var found = ImplicitScalars.In(Repository.PathOf("src/TheoryLab")).GroupBy(s => s.File).ToDictionary(g => g.Key, g => g.ToList());
        var recorded = File.ReadAllLines(Record).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)).ToDictionary(p => p[1], p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture));
        var problems = found.Keys.Union(recorded.Keys).Order(StringComparer.Ordinal).Select(file =>
        {
            int now = found.TryGetValue(file, out var sites) ? sites.Count : 0, then = recorded.GetValueOrDefault(file);
            return now > then
                ? $"{file}: {now - then} new temporary Scalar(s); keep each alive across its call (using var s = v.ToScalar(), then x * s): {string.Join("; ", sites!.Select(s => $"line {s.Line}: {s.Expression}"))}"
                : now < then ? $"{file}: {then - now} fewer than recorded; lower its count in implicit-scalars.txt to {now}" : null;
        }).OfType<string>().ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    [Trait("Category", QuickRunsCollection.Category)]
    public void Tests_HaveNoImplicitScalars()
    {
        var found = ImplicitScalars.In(Repository.PathOf("tests/TheoryLab.Tests"));
        Assert.True(found.Count == 0, "temporary Scalars in the tests; keep each alive across its call (using var s = v.ToScalar(), then x * s):\n"
            + string.Join('\n', found.Select(s => $"{s.File} line {s.Line}: {s.Expression}")));
    }
}

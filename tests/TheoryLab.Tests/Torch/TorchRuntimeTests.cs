using TheoryLab.Torch;
using TorchSharp;

namespace TheoryLab.Tests.Torch;

public class TorchRuntimeTests
{
    [Fact]
    public void EnsureLoaded_MakesLibtorchComputeOnThisMachine()
    {
        TorchRuntime.EnsureLoaded();
        using Scalar start = 1.ToScalar(), stop = 5.ToScalar();
        using var t = torch.arange(start, stop, HeldScalars.One, dtype: torch.float64);
        Assert.Equal(10.0, t.sum().AsDouble());
    }

    [Fact]
    public void LibtorchVersion_Is2_10()
    {
        Assert.StartsWith("2.10", TorchRuntime.LibtorchVersion);
    }

    [Fact]
    public void Judge_WhenOnlyTheIostreamMarkerIsUnmet_AsksForThePatch()
    {
        var shim = ElfVersionNeeds.Read(ShimPath());
        var verdict = NativeLibraryCheck.Judge(shim, Pretend("GLIBCXX_3.4.32"));
        Assert.True(verdict.NeedsPatch);
        Assert.Equal(["GLIBCXX_3.4.32"], verdict.MarkerOnly.Select(n => n.Version));
    }

    [Fact]
    public void Judge_WhenEveryVersionIsDefined_LoadsAsIs()
    {
        var shim = ElfVersionNeeds.Read(ShimPath());
        Assert.True(NativeLibraryCheck.Judge(shim, Pretend()).LoadsAsIs);
    }

    [Fact]
    public void Judge_WhenARealSymbolVersionIsMissing_ReportsItInsteadOfPatching()
    {
        var shim = ElfVersionNeeds.Read(ShimPath());
        var verdict = NativeLibraryCheck.Judge(shim, Pretend("GLIBCXX_3.4.32", "GLIBCXX_3.4.30"));
        Assert.False(verdict.NeedsPatch);
        Assert.Contains("GLIBCXX_3.4.30 from libstdc++.so.6", verdict.Unmet);
    }

    [Fact]
    public void MarkWeak_SetsTheWeakFlagOfThatNeedOnly()
    {
        var shim = ElfVersionNeeds.Read(ShimPath());
        var marker = shim.Needs().Single(n => n.Version == "GLIBCXX_3.4.32");
        shim.MarkWeak(marker);
        var reread = new ElfVersionNeeds(shim.Image, "patched");
        Assert.True(reread.Needs().Single(n => n.Version == "GLIBCXX_3.4.32").IsWeak);
        Assert.DoesNotContain(reread.Needs(), n => n.Version != "GLIBCXX_3.4.32" && n.IsWeak);
    }

    [Fact]
    public void SymbolsBoundTo_TheGcc13Version_IsOnlyTheIostreamMarker()
    {
        var shim = ElfVersionNeeds.Read(ShimPath());
        var marker = shim.Needs().Single(n => n.Version == "GLIBCXX_3.4.32");
        Assert.Equal([NativeLibraryCheck.MarkerSymbol], shim.SymbolsBoundTo(marker.Index));
    }

    /// <summary>A libstdc++ that defines every version the shim needs except <paramref name="missing"/>.</summary>
    private static Func<string, IReadOnlySet<string>?> Pretend(params string[] missing)
    {
        var all = ElfVersionNeeds.Read(ShimPath()).Needs().Where(n => n.Library == "libstdc++.so.6").Select(n => n.Version);
        var defined = all.Except(missing).ToHashSet();
        return library => library == "libstdc++.so.6" ? defined : null;
    }

    private static string ShimPath() => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
}

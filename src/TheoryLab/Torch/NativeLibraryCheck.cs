namespace TheoryLab.Torch;

/// <summary>
/// Decides whether libLibTorchSharp.so can load against this machine's system libraries as it is,
/// can load once its GCC-13 marker version is made weak, or cannot load at all.
/// </summary>
/// <remarks>
/// TorchSharp's Linux build references <c>std::ios_base_library_init()</c> at version GLIBCXX_3.4.32
/// (GCC 13). The symbol is a marker that <c>&lt;iostream&gt;</c> emits and nothing calls, and it has no
/// relocation, so an older libstdc++ serves the library fully once that one version need is weak.
/// Any other unmet version need is a real dependency and is reported instead.
/// </remarks>
internal static class NativeLibraryCheck
{
    /// <summary>The only symbol that may be bound to a version we weaken.</summary>
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    public sealed record Verdict(IReadOnlyList<ElfVersionNeeds.Need> MarkerOnly, IReadOnlyList<string> Unmet)
    {
        public bool LoadsAsIs => MarkerOnly.Count == 0 && Unmet.Count == 0;
        public bool NeedsPatch => MarkerOnly.Count > 0 && Unmet.Count == 0;
    }

    /// <param name="shim">The parsed libLibTorchSharp.so.</param>
    /// <param name="definitionsOf">The version names a system library defines, or null when that library is not a system one to check.</param>
    public static Verdict Judge(ElfVersionNeeds shim, Func<string, IReadOnlySet<string>?> definitionsOf)
    {
        var markerOnly = new List<ElfVersionNeeds.Need>();
        var unmet = new List<string>();
        foreach (var need in shim.Needs())
        {
            if (need.IsWeak) continue;
            var defined = definitionsOf(need.Library);
            if (defined is null || defined.Contains(need.Version)) continue;
            var bound = shim.SymbolsBoundTo(need.Index);
            if (bound.Count > 0 && bound.All(s => s == MarkerSymbol))
                markerOnly.Add(need);
            else
                unmet.Add($"{need.Version} from {need.Library}");
        }
        return new Verdict(markerOnly, unmet);
    }
}

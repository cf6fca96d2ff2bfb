using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TheoryLab.Tests.Conformance;

/// <summary>
/// The places in C# source where a number becomes a temporary TorchSharp <c>Scalar</c>: an implicit conversion in our
/// code (<c>add_(g, alpha: η)</c>), or a Tensor operator of TorchSharp's that takes the number and converts it inside
/// (<c>x * 2.0</c>). TorchSharp 0.107 frees such a temporary in its finaliser, and nothing keeps it alive once its
/// handle has been passed to libtorch: a collection on another thread mid-call is a use-after-free, which the
/// parallel tests must not risk (TestOrder.cs). Found with Roslyn's semantic model, as the compiler binds them.
/// </summary>
public static class ImplicitScalars
{
    /// <summary>One temporary: the file relative to the scanned folder, its line, and the converted expression (the number, or the whole operation for an operator).</summary>
    public sealed record Site(string File, int Line, string Expression);

    /// <summary>Every implicit conversion to Scalar in the .cs files under <paramref name="folder"/> (bin and obj skipped, but the SDK's global usings kept).</summary>
    public static IReadOnlyList<Site> In(string folder)
    {
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Skipped(Path.GetRelativePath(folder, f)) || f.EndsWith(".GlobalUsings.g.cs", StringComparison.Ordinal));
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), f)).ToList();
        var compilation = Compile(trees);
        return [.. trees.SelectMany(tree => SitesIn(compilation, tree, folder))];
    }

    /// <summary>The sites in one piece of source, for checking the scan itself.</summary>
    public static IReadOnlyList<Site> InSource(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), "snippet.cs");
        return [.. SitesIn(Compile([tree]), tree, "")];
    }

    /// <summary>
    /// The library's source against the assemblies it was built with, which the test's own output folder holds (its
    /// TheoryLab.dll excepted: that is what is compiled). Source generators (regular expressions, JSON contexts) do not
    /// run, which leaves some members unbound but binds every call into TorchSharp.
    /// </summary>
    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var built = Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("TheoryLab", StringComparison.Ordinal));
        var references = platform.Concat(built).Where(IsAssembly).GroupBy(Path.GetFileName).Select(g => MetadataReference.CreateFromFile(g.First()));
        var compilation = CSharpCompilation.Create("scan", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        if (compilation.GetTypeByMetadataName("TorchSharp.Scalar") is null)
            throw new InvalidOperationException($"TorchSharp.Scalar is not among the references in {AppContext.BaseDirectory}: the scan would find nothing.");
        return compilation;
    }

    private static IEnumerable<Site> SitesIn(CSharpCompilation compilation, SyntaxTree tree, string folder)
    {
        var model = compilation.GetSemanticModel(tree);
        foreach (var expression in tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>())
        {
            // double.PositiveInfinity reports the conversion on the member access and again on its name, (x - m) on the
            // parentheses and again inside them.
            if (expression is ParenthesizedExpressionSyntax || expression.Parent is MemberAccessExpressionSyntax access && access.Name == expression) continue;
            var conversion = model.GetConversion(expression);
            bool converted = conversion.IsImplicit && conversion.IsUserDefined && conversion.MethodSymbol?.ContainingType.ToDisplayString() == "TorchSharp.Scalar";
            if (converted || IsNumberOperator(model.GetSymbolInfo(expression).Symbol))
                yield return new Site(folder.Length == 0 ? tree.FilePath : Path.GetRelativePath(folder, tree.FilePath).Replace('\\', '/'),
                    expression.GetLocation().GetLineSpan().StartLinePosition.Line + 1, expression.ToString());
        }
    }

    /// <summary>A Tensor operator of TorchSharp's with a number operand (<c>Tensor * double</c>), which makes its Scalar where we cannot keep it alive.</summary>
    private static bool IsNumberOperator(ISymbol? symbol) =>
        symbol is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } method
        && method.ContainingType.ToDisplayString() == "TorchSharp.torch.Tensor"
        && method.Parameters.Any(p => p.Type.SpecialType is >= SpecialType.System_SByte and <= SpecialType.System_Double);

    private static bool Skipped(string relative) => relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static bool IsAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

using System.Diagnostics;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Registry;

/// <summary>
/// Every example app still compiles against the library: they are file-based apps that no project builds, so an API
/// change (a network's Build taking a generator, say) would otherwise break them unseen. Each build takes 5–20 s.
/// The builds leave package assets where NuGet keeps them: copied beside each app, as <c>dotnet run</c> needs them,
/// libtorch alone made every example's build 680 MB in the SDK's cache (~/.local/share/dotnet/runfile), 28 GB for
/// the 41 examples of one checkout, which filled this machine's disk with a few checkouts; not copied, 6 MB.
/// </summary>
[Trait("Category", QuickRunsCollection.Category)]
public class ExamplesCompileTests
{
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(Repository.PathOf("examples"), "*.cs").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_Compiles(string example)
    {
        var start = new ProcessStartInfo("dotnet", ["build", Path.Combine("examples", example), "-c", "Release", "-nologo", "-p:CopyLocalLockFileAssemblies=false"])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await build.WaitForExitAsync(limit.Token);
        string log = await output + await errors;
        Assert.True(build.ExitCode == 0, $"{example} does not compile:\n{string.Join('\n', log.Split('\n').Where(l => l.Contains(" error ", StringComparison.Ordinal)).Distinct().Take(10))}");
    }
}

namespace TheoryLab.Tests.Peers;

/// <summary>A fact that runs only where the peer's interpreter also imports scipy's quasi-Monte-Carlo module, and says how to install it when skipped.</summary>
public sealed class ScipyPeerFactAttribute : FactAttribute
{
    private static readonly bool Available =
        PyTorchPeer.Available && PyTorchPeer.Run(["-c", "import scipy.stats.qmc"], TimeSpan.FromMinutes(1)).ExitCode == 0;

    public ScipyPeerFactAttribute()
    {
        if (!Available) Skip = "needs the PyTorch peer's python3 with scipy ≥ 1.7 to compare against (Debian: apt-get install python3-scipy)";
    }
}

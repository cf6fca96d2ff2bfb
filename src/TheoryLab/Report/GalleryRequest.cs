using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Kernel;
using TheoryLab.Report.Latex;
using TheoryLab.Runs;

namespace TheoryLab.Report;

/// <summary>What the gallery runs and where it writes: every registered experiment, one PDF with each phenomenon and its findings.</summary>
/// <param name="OutputDirectory">Receives gallery.pdf, gallery-N.png (one per page), runs/&lt;experiment&gt;/ and latex/.</param>
public sealed record GalleryRequest(string OutputDirectory)
{
    /// <summary>Run each experiment's quick options (seconds each) instead of the paper's defaults (which may take hours).</summary>
    public bool Quick { get; init; }
    public ExperimentRegistry Registry { get; init; } = ExperimentRegistry.Default;
    public int Seed { get; init; }
    public IProgressSink Progress { get; init; } = SilentProgress.Instance;
    public CancellationToken Cancellation { get; init; }
    public DataStore Data { get; init; } = DataStore.Default;

    /// <summary>Resolution of the page images.</summary>
    public int PngDpi { get; init; } = 80;
}

/// <summary>The gallery: its PDF and page images, the runs behind it, the experiments that failed, and the LaTeX build.</summary>
public sealed record GalleryResult(string PdfPath, IReadOnlyList<string> PagePngs, IReadOnlyList<RunOutcome> Runs, IReadOnlyList<GalleryFailure> Failures, BuildResult Build);

/// <summary>An experiment the gallery could not run, and why.</summary>
public sealed record GalleryFailure(string Experiment, string Message);

using TheoryLab.Report.Latex;

namespace TheoryLab.Tests.Report.Latex;

public class LatexLogTests
{
    // Excerpts of real pdflatex and BibTeX output (TeX Live 2022), run with -file-line-error and unwrapped lines.
    private const string ErrorLog = """
        (./figures/qmap.tex
        ./figures/qmap.tex:4: Undefined control sequence.
        <argument> \string \@writefile {\csname ext@\@captype \endcsname }{\ignorespaces Fixed point \badmacro
        l.4   \caption{Fixed point \badmacro of the length map.}
        ./figures/qmap.tex:4:  ==> Fatal error occurred, no output PDF file produced!
        """;

    private const string WarningLog = """
        (./main.tex (./theorylab-neurips.sty (/usr/share/texlive/texmf-dist/tex/latex/geometry/geometry.sty)) (./code-description.tex
        Package natbib Warning: Citation `nokey' on page 1 undefined on input line 3.
        ) (./figures/a.tex
        LaTeX Warning: Reference `fig:qmap' on page 1 undefined on input line 7.
        )
        Overfull \hbox (12.5pt too wide) in paragraph at lines 40--42
        LaTeX Warning: There were undefined references.
        """;

    // When a picture's line exceeds TeX's buffer, the log stops at the picture's name and only the terminal has
    // the error, which latexmk's two output streams may deliver before that name.
    private const string BufferLog = """
        (./main.tex (./theorylab-neurips.sty) (./figures/eoc-phase-diagram.tex
        (./figures/eoc-phase-diagram.tikz
        """;

    private const string BufferTerminal = """
        ! Unable to read an entire line---bufsize=200000.
        Please increase buf_size in texmf.cnf.
        (./main.tex (./theorylab-neurips.sty) (./figures/eoc-phase-diagram.tex (./figures/eoc-phase-diagram.tikz
        Latexmk: Errors, so I did not complete making targets
        """;

    // An overfull line whose box display holds an unbalanced parenthesis, inside a figure file.
    private const string OverfullInFigure = """
        (./main.tex (./figures/a.tex (./figures/a.tikz)
        Overfull \hbox (45.2pt too wide) in paragraph at lines 291--4
        [][] []\OT1/ptm/m/n/10 (see
        
        LaTeX Warning: Reference `fig:b' on page 1 undefined on input line 6.
        )
        """;

    private const string Blg = """
        Database file #1: refs.bib
        I was expecting a `,' or a `}'---line 10 of file refs.bib
        Warning--I didn't find a database entry for "nokey"
        """;

    [Fact]
    public void Errors_AreReportedAtTheirFileAndLine_WithTheSourceTeXStoppedAt()
    {
        var error = Assert.Single(LatexLog.Errors(ErrorLog));
        Assert.Equal("figures/qmap.tex:4", error.Where);
        Assert.StartsWith(@"Undefined control sequence. \badmacro (at: ", error.Message);
    }

    [Fact]
    public void Warnings_NameTheFileBeingReadAndItsLine()
    {
        var warnings = LatexLog.Warnings(WarningLog);
        Assert.Contains(warnings, w => w.Where == "code-description.tex:3" && w.Message.Contains("nokey"));
        Assert.Contains(warnings, w => w.Where == "figures/a.tex:7" && w.Message.Contains("fig:qmap"));
        Assert.Contains(warnings, w => w.Where == "main.tex:42" && w.Message.Contains("12.5pt"));
        Assert.DoesNotContain(warnings, w => w.Message.StartsWith("There were", StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_AFatalErrorOnlyInTheTerminal_IsTeXsOwnMessage_AtTheFileTheLogWasReading()
    {
        var error = Assert.Single(LatexLog.Errors(BufferLog, BufferTerminal));
        Assert.Equal("figures/eoc-phase-diagram.tikz", error.Where);
        Assert.Equal("Unable to read an entire line---bufsize=200000.", error.Message);
    }

    [Fact]
    public void Warnings_AnOverfullLineEndingInAFigureFile_IsAtThatFilesLine_AndItsBoxDisplayChangesNoFile()
    {
        var warnings = LatexLog.Warnings(OverfullInFigure);
        Assert.Contains(warnings, w => w.Where == "figures/a.tex:4" && w.Message.Contains("45.2pt"));
        Assert.Contains(warnings, w => w.Where == "figures/a.tex:6" && w.Message.Contains("fig:b"));
    }

    [Fact]
    public void Warnings_APageTallerThanItsTextBlock_SaysSomethingRunsOffItsFoot()
    {
        var warning = Assert.Single(LatexLog.Warnings("(./main.tex [8]\nOverfull \\vbox (529.37883pt too high) has occurred while \\output is active []\n [9])"));
        Assert.Contains("529.37883pt more than its text block", warning.Message);
        Assert.Contains("longtable", warning.Message);
    }

    [Fact]
    public void BibtexMessages_LocateSyntaxErrorsAndMissingEntries()
    {
        var messages = LatexLog.BibtexMessages(Blg);
        Assert.Contains(messages, m => m.Where == "refs.bib:10" && m.Message.Contains("expecting"));
        Assert.Contains(messages, m => m.Message.Contains("'nokey'"));
    }
}

using Spectre.Console;

namespace TheoryLab.Cli;

/// <summary>
/// The command's two streams. Results go to stdout (tables, or exactly one JSON document with --json);
/// progress, costs and notes go to stderr so that stdout stays machine-readable.
/// </summary>
public sealed class ConsoleIO(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>Rich output (tables) on stdout.</summary>
    public IAnsiConsole Rich { get; } = Create(stdout, ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>Rich output (progress bars) on stderr.</summary>
    public IAnsiConsole RichError { get; } = Create(stderr, ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>True when stderr is a terminal that can redraw a live progress bar.</summary>
    public bool InteractiveError => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Width for tables written to files and pipes, where no terminal says how wide it is.</summary>
    private const int PipeWidth = 200;

    private static IAnsiConsole Create(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = PipeWidth;
        return console;
    }
}

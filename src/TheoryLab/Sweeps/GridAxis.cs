namespace TheoryLab.Sweeps;

/// <summary>One swept option: its name, the text that named its values (what a study file keeps), the values, and whether they are a log range.</summary>
public sealed record GridAxis(string Option, string Text, IReadOnlyList<string> Values, bool Log)
{
    /// <summary>The axis <c>--grid name=values</c> names.</summary>
    public static GridAxis Parse(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1)
            throw new TheoryLabException($"--grid expects name=values, got '{assignment}'; for example --grid sigma_w2=1:3:0.5.");
        return Of(assignment[..eq], assignment[(eq + 1)..]);
    }

    /// <summary>The axis of <paramref name="option"/> over the values <paramref name="text"/> names.</summary>
    public static GridAxis Of(string option, string text)
    {
        string name = option.Trim().Replace('-', '_');
        var (values, log) = GridValues.Parse(name, text.Trim());
        return new GridAxis(name, text.Trim(), values, log);
    }
}

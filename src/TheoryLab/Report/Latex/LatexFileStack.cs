using System.Text.RegularExpressions;

namespace TheoryLab.Report.Latex;

/// <summary>
/// The file TeX is reading at each point of its log, followed through "(file" and ")". The box TeX shows after an
/// overfull or underfull line is set text whose parentheses say nothing about files, so it is skipped up to the
/// blank line that ends it.
/// </summary>
internal sealed partial class LatexFileStack
{
    private readonly Stack<string?> _files = new();
    private bool _inBoxDisplay;

    /// <summary>The innermost file opened and not yet closed (relative to the report), or null before the first.</summary>
    public string? Current => _files.FirstOrDefault(f => f is not null);

    public void Read(string line)
    {
        if (_inBoxDisplay)
        {
            _inBoxDisplay = line.Trim().Length > 0;
            return;
        }
        if (BadBox().IsMatch(line))
        {
            _inBoxDisplay = true;
            return;
        }
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] == '(')
            {
                var m = OpenedFile().Match(line, i + 1);
                _files.Push(m.Success && m.Index == i + 1 ? LatexLog.Relative(m.Value) : null);
            }
            else if (line[i] == ')' && _files.Count > 0)
            {
                _files.Pop();
            }
        }
    }

    [GeneratedRegex(@"^(?:Overfull|Underfull) \\[hv]box")]
    private static partial Regex BadBox();

    [GeneratedRegex(@"\G\.?/?[^\s()]+\.(?:tex|tikz|sty|cls|cfg|def|clo|fd|aux|bbl|out|toc)")]
    private static partial Regex OpenedFile();
}

using TheoryLab.Figures;
using TheoryLab.Tables;

namespace TheoryLab.Kernel;

/// <summary>What a run produces: findings, tables, and figures drawn from those tables.</summary>
public sealed class ExperimentResult
{
    public List<Finding> Findings { get; } = [];
    public List<Table> Tables { get; } = [];
    public List<Figure> Figures { get; } = [];

    /// <summary>Files the run wrote itself into its directory (trained weights, say), relative to it.</summary>
    public List<string> Artifacts { get; } = [];

    public Finding Finding(string name) =>
        Findings.FirstOrDefault(f => f.Name == name) ?? throw new KeyNotFoundException($"no finding '{name}'; findings: {string.Join(", ", Findings.Select(f => f.Name))}");

    public Table Table(string name) =>
        Tables.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"no table '{name}'; tables: {string.Join(", ", Tables.Select(t => t.Name))}");

    public ExperimentResult Add(Finding finding) { Findings.Add(finding); return this; }
    public ExperimentResult Add(Table table) { Tables.Add(table); return this; }
    public ExperimentResult Add(Figure figure) { Figures.Add(figure); return this; }
}

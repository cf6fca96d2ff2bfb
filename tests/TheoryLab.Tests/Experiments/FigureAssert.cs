using TheoryLab.Kernel;

namespace TheoryLab.Tests.Experiments;

public static class FigureAssert
{
    /// <summary>Every series of every figure of <paramref name="result"/> names a table of the result and columns it has.</summary>
    public static void EveryFigureDrawsFromColumnsItsTablesHave(ExperimentResult result)
    {
        foreach (var figure in result.Figures)
            foreach (var series in figure.Series)
            {
                var table = result.Table(series.Table);
                foreach (var column in series.Columns) Assert.True(table.Has(column), $"{figure.Name}: table {table.Name} lacks {column}");
            }
    }
}

namespace TheoryLab.Tables;

/// <summary>
/// A column's name, declared once beside the tables it belongs to, so the code that writes the column and the figures
/// and findings that read it refer to one declaration: a misspelt or stale reference does not compile, and renaming
/// the column is one edit. It stands for its name wherever a name is taken (<see cref="Table.Add"/>, a series' axes).
/// </summary>
public readonly record struct Column(string Name)
{
    public static implicit operator string(Column column) => column.Name;

    public override string ToString() => Name;
}

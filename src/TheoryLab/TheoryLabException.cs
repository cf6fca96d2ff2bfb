namespace TheoryLab;

/// <summary>
/// An error the user can cause and fix: a bad option, a missing data file, an unwritable directory.
/// Its message says what was wrong and what to do; the CLI prints it as one line and exits non-zero.
/// Bugs are other exceptions and keep their stack traces.
/// </summary>
public class TheoryLabException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The <see cref="TheoryLabException"/> behind <paramref name="e"/>, however deeply a library wrapped it; null for a bug.</summary>
    public static TheoryLabException? Within(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is TheoryLabException t) return t;
        return null;
    }
}

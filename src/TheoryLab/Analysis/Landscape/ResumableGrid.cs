using TheoryLab.Kernel;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// Measures every point of a grid, a batch of points at a time, keeping finished points in a progress file
/// (<see cref="FinishedPoints"/>) so that a run cut short resumes with the points it has not done. The loop behind
/// <see cref="SurfaceScan"/> and <see cref="CurvatureScan"/>.
/// </summary>
public static class ResumableGrid
{
    /// <summary>
    /// The values of each of <paramref name="count"/> points, by index: read from <paramref name="progressFile"/> where it
    /// holds them for the scan <paramref name="key"/>, otherwise from <paramref name="measure"/>, <paramref name="batchPoints"/>
    /// at a time, each batch appended to the file when done (on cancellation or failure, the points finished so far).
    /// </summary>
    /// <param name="count">Points in the grid, numbered 0 to count − 1.</param>
    /// <param name="measure">The values at a point, one per column.</param>
    /// <param name="progressFile">CSV of finished points, or null to keep nothing.</param>
    /// <param name="task">Advanced once per point (resumed points at the start), with the last point's first value.</param>
    /// <returns>The values and how many points came from the file.</returns>
    public static (double[][] Values, int Resumed) Run(int count, IReadOnlyList<string> columns, Func<int, double[]> measure, string? progressFile, string key,
        int batchPoints, IProgressTask task, CancellationToken cancellation)
    {
        if (batchPoints < 1) throw new ArgumentOutOfRangeException(nameof(batchPoints), batchPoints, "at least one point per batch");
        var store = progressFile is null ? null : new FinishedPoints(progressFile, key, columns);
        var values = new double[]?[count];
        if (store is not null)
        {
            foreach (var (index, stored) in store.Load().Where(p => p.Key >= 0 && p.Key < count)) values[index] = stored;
            store.Open();
        }
        int resumed = values.Count(v => v is not null);
        task.Advance(resumed);
        foreach (var batch in Enumerable.Range(0, count).Where(k => values[k] is null).Chunk(batchPoints))
        {
            var done = new List<(int, double[])>(batch.Length);
            try
            {
                foreach (int index in batch)
                {
                    cancellation.ThrowIfCancellationRequested();
                    values[index] = measure(index);
                    done.Add((index, values[index]!));
                }
            }
            finally
            {
                store?.Append(done);
            }
            task.Advance(batch.Length, $"{columns[0]} {values[batch[^1]]![0]:G4}");
        }
        return ([.. values.Select(v => v!)], resumed);
    }
}

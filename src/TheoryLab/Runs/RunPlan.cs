namespace TheoryLab.Runs;

/// <summary>What a run does with its directory.</summary>
public enum RunAction
{
    /// <summary>The directory is absent or empty: the run creates it.</summary>
    Create,

    /// <summary>It holds the identical completed run, which is returned without running.</summary>
    Reuse,

    /// <summary>It holds a run TheoryLab wrote for the same experiment, which the new run replaces.</summary>
    Replace,
}

/// <summary>
/// What a run will do with its directory, decided before any work. TheoryLab deletes or replaces only what it can
/// prove it wrote: a directory whose run.json it wrote for the same experiment. A completed run there is reused when
/// identical (<see cref="RunIdentity"/>), replaced when it has the same run id but was made by another version or
/// under other defaults, and otherwise replaced only with <see cref="RunRequest.Force"/>; anything else is refused.
/// </summary>
/// <param name="Directory">The run directory, absolute.</param>
/// <param name="Existing">The record of the run there, where there is one.</param>
/// <param name="Note">Why a run the user did not ask to replace is replaced; null otherwise.</param>
public sealed record RunPlan(string Directory, RunAction Action, RunRecord? Existing, string? Note)
{
    /// <summary>The plan for <paramref name="request"/>; throws a <see cref="TheoryLabException"/> saying what to do where the run may not go ahead.</summary>
    public static RunPlan For(RunRequest request)
    {
        request.Experiment.Validate(request.Options);
        string target = RunPath.Resolve(request.Directory);
        RunPath.RequireWritable(target);
        if (IsAbsentOrEmpty(target)) return new(target, RunAction.Create, null, null);

        string experiment = request.Experiment.Id;
        var existing = RunRecord.TryRead(target)
            ?? throw new TheoryLabException($"{target} holds files and no TheoryLab run, and TheoryLab replaces only directories it wrote; name a new or empty directory with --out DIR.");
        if (existing.Experiment != experiment)
            throw new TheoryLabException($"{target} holds a run of {existing.Experiment}, not of {experiment}; name another directory with --out DIR.");
        if (existing.Status != "completed") return new(target, RunAction.Replace, existing, null);

        string? difference = RunIdentity.Difference(existing, request);
        bool complete = File.Exists(Path.Combine(target, RunLayout.FindingsFile));
        if (request.Force) return new(target, RunAction.Replace, existing, null);
        if (difference is null && complete) return new(target, RunAction.Reuse, existing, null);
        if (difference is null) return new(target, RunAction.Replace, existing, $"replacing the run in {target}: its {RunLayout.FindingsFile} is missing.");
        if (existing.RunId == request.RunId) return new(target, RunAction.Replace, existing, $"replacing the run in {target}: it was made {difference}.");
        throw new TheoryLabException($"{target} holds a completed {experiment} run made {difference}; pass --force to replace it, or name another directory with --out DIR.");
    }

    /// <summary>True where nothing could be lost by writing a run at <paramref name="directory"/>.</summary>
    internal static bool IsAbsentOrEmpty(string directory) =>
        !System.IO.Directory.Exists(directory) || !System.IO.Directory.EnumerateFileSystemEntries(directory).Any();

    /// <summary>True where <paramref name="directory"/> holds a run.json TheoryLab wrote for <paramref name="experiment"/>.</summary>
    internal static bool HoldsRunOf(string directory, string experiment) => RunRecord.TryRead(directory)?.Experiment == experiment;
}

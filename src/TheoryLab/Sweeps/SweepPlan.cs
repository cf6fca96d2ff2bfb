using TheoryLab.Data;
using TheoryLab.Kernel;
using TheoryLab.Runs;

namespace TheoryLab.Sweeps;

/// <summary>
/// The runs of a study, each an ordinary run in its content-addressed directory under <see cref="Root"/>, and which of
/// them are complete. Every option and value is checked, and every run directory planned (<see cref="RunPlan"/>),
/// before anything runs: bad input costs one message, not a half-done sweep.
/// </summary>
public sealed record SweepPlan(Study Study, IExperiment Experiment, string Root, IReadOnlyList<SweepRun> Runs)
{
    /// <summary>The directory of the study's own files: runs/&lt;experiment&gt;/sweeps/&lt;hash&gt;.</summary>
    public string Directory => SweepLayout.Directory(Root, Study);

    public IReadOnlyList<SweepRun> Missing => Runs.Where(r => !r.Done).ToList();

    public static SweepPlan For(Study study, IExperiment experiment, string root, DataStore data)
    {
        if (study.Experiment != experiment.Id) throw new ArgumentException($"the study is of {study.Experiment}, not {experiment.Id}", nameof(experiment));
        var schema = experiment.Schema;
        var named = new HashSet<string>();
        foreach (var option in study.Grid.Select(a => a.Option).Concat(study.Set.Select(s => s.Key.Trim().Replace('-', '_'))))
            if (!named.Add(option)) throw new TheoryLabException($"option '{option}' is given twice (in --grid or --set); give each option once.");
        foreach (var axis in study.Grid)
            if (schema.Find(axis.Option).Type.IsArray)
                throw new TheoryLabException($"option '{axis.Option}' holds a list, and a grid varies single values; set the list with --set, or sweep another option.");

        var fixedOptions = schema.Bind(study.Quick ? experiment.QuickOptions : experiment.DefaultOptions, study.Set);
        var runs = new List<SweepRun>();
        foreach (var point in study.Points())
        {
            var options = schema.Bind(fixedOptions, point);
            experiment.Validate(options);
            foreach (int seed in study.Seeds)
            {
                var request = new RunRequest(experiment, options) { Seed = seed, Root = root, Data = data };
                runs.Add(new SweepRun(point, request, RunPlan.For(request).Action == RunAction.Reuse));
            }
        }
        return new SweepPlan(study, experiment, root, runs);
    }
}

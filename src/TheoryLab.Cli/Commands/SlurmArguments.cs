using System.CommandLine;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>Where <c>sweep</c> runs its runs, <c>--backend local|slurm</c>, and what it asks of Slurm for each array task.</summary>
internal sealed class SlurmArguments
{
    public const string Local = "local", Slurm = "slurm";

    private readonly Option<string> _backend = new Option<string>("--backend")
    {
        Description = "local: worker processes on this machine; slurm: an sbatch job array on the cluster this machine submits to.",
        DefaultValueFactory = _ => Local,
    }.AcceptOnlyFromAmong(Local, Slurm);
    private readonly Option<string?> _partition = new("--partition") { Description = "Slurm: the partition (default the cluster's)." };
    private readonly Option<string?> _time = new("--time") { Description = "Slurm: each array task's time limit, as sbatch takes it (1:00:00)." };
    private readonly Option<string?> _memory = new("--mem") { Description = "Slurm: each array task's memory, as sbatch takes it (4G)." };
    private readonly Option<int?> _cpus = new("--cpus-per-task") { Description = "Slurm: cores per array task; a threads option of 0 then uses them." };
    private readonly Option<int?> _throttle = new("--array-throttle") { Description = "Slurm: array tasks running at once (the %N of --array)." };
    private readonly Option<int> _runsPerTask = new("--runs-per-task") { Description = "Slurm: runs each array task runs one after another (default 1).", DefaultValueFactory = _ => 1 };

    private Option[] SlurmOnly => [_partition, _time, _memory, _cpus, _throttle, _runsPerTask];

    public void AddTo(Command command)
    {
        command.Add(_backend);
        foreach (var option in SlurmOnly) command.Add(option);
    }

    public bool OnSlurm(ParseResult parse)
    {
        bool slurm = parse.GetValue(_backend) == Slurm;
        if (!slurm && SlurmOnly.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } given)
            throw new TheoryLabException($"{given.Name} is a Slurm option; add --backend slurm, or leave it out for a local sweep.");
        return slurm;
    }

    public SlurmOptions Options(ParseResult parse) => new SlurmOptions(parse.GetValue(_partition), parse.GetValue(_time), parse.GetValue(_memory),
        parse.GetValue(_cpus), parse.GetValue(_throttle), parse.GetValue(_runsPerTask)).Checked();
}

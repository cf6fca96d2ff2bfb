using System.CommandLine;
using TheoryLab.Data;
using TheoryLab.Runs;
using TheoryLab.Sweeps;

namespace TheoryLab.Cli.Commands;

/// <summary>The arguments that name a study, shared by <c>sweep</c> and <c>sweep collect</c>: the experiment with its grid, seeds and options, or a study file.</summary>
internal sealed class SweepArguments
{
    private readonly Argument<string?> _experiment = new("experiment") { Description = "Experiment id, as 'theorylab list' shows (or --study FILE).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string[]> _grid = new("--grid") { Description = "A swept option: name=values, as a list (1,2,4), a range (1:3:0.5) or a log range (1e-3:1e1:x10); repeatable." };
    private readonly Option<int?> _seeds = new("--seeds") { Description = "Run each grid point with seeds 0 to N-1 (default 1)." };
    private readonly Option<string?> _seedList = new("--seed-list") { Description = "Run each grid point with these seeds (0,5,7)." };
    private readonly Option<bool> _quick = new("--quick") { Description = "Start from the Quick options, which run in seconds." };
    private readonly Option<string[]> _set = new("--set") { Description = "Hold an option at a value: name=value (repeatable)." };
    private readonly Option<FileInfo?> _study = new("--study") { Description = "A study file (JSON) naming experiment, grid, seeds, quick and set; see docs/sweeps.md." };
    private readonly Option<string> _runs = new("--runs") { Description = "The root of run directories (default runs).", DefaultValueFactory = _ => RunLayout.DefaultRoot };
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = $"Where datasets are read and cached (default ${DataStore.Variable} or the user cache)." };

    public void AddTo(Command command)
    {
        command.Add(_experiment);
        foreach (var option in new Option[] { _grid, _seeds, _seedList, _quick, _set, _study, _runs, _dataDir }) command.Add(option);
    }

    public string Runs(ParseResult parse) => parse.GetValue(_runs)!;
    public string? DataDirectory(ParseResult parse) => parse.GetValue(_dataDir);
    public DataStore Data(ParseResult parse) => DataStore.FromOption(parse.GetValue(_dataDir));

    public Study Study(ParseResult parse)
    {
        string? experiment = parse.GetValue(_experiment);
        string[] grid = parse.GetValue(_grid) ?? [], set = parse.GetValue(_set) ?? [];
        int? seeds = parse.GetValue(_seeds);
        string? seedList = parse.GetValue(_seedList);
        bool quick = parse.GetValue(_quick);
        if (parse.GetValue(_study) is { } file)
        {
            if (experiment is not null || grid.Length > 0 || set.Length > 0 || seeds is not null || seedList is not null || quick)
                throw new TheoryLabException("--study names the whole study; pass either --study FILE or the experiment with --grid, --seeds, --quick and --set.");
            return StudyFile.Read(file.FullName);
        }
        if (experiment is null) throw new TheoryLabException("name the experiment to sweep (theorylab sweep <id> --grid name=values), or pass --study FILE.");
        if (grid.Length == 0) throw new TheoryLabException($"a sweep needs at least one --grid name=values, such as --grid depth=2,3,4; 'theorylab describe {experiment}' lists the options.");
        if (seeds is not null && seedList is not null) throw new TheoryLabException("pass either --seeds N or --seed-list, not both.");
        var seedValues = seedList is null ? Sweeps.Study.FirstSeeds(seeds ?? 1) : SeedList(seedList);
        return new Study(experiment, grid.Select(GridAxis.Parse).ToList(), seedValues, quick, set.Select(RunCommand.SplitAssignment).ToList());
    }

    private static int[] SeedList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var seeds = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
            if (!int.TryParse(parts[k], out seeds[k]))
                throw new TheoryLabException($"--seed-list expects integers separated by commas (0,5,7), got '{text}'.");
        if (seeds.Distinct().Count() < seeds.Length) throw new TheoryLabException($"--seed-list names a seed twice in '{text}'; list each seed once.");
        return seeds;
    }
}

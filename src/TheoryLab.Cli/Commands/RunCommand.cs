using System.CommandLine;
using TheoryLab.Cli.Output;
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Options;
using TheoryLab.Runs;
using TheoryLab.Torch;

namespace TheoryLab.Cli.Commands;

/// <summary><c>theorylab run &lt;id&gt; …</c>: binds options, shows the cost, runs with progress, prints findings.</summary>
internal static class RunCommand
{
    /// <summary>Work estimated above this prints its cost before it starts.</summary>
    private static readonly TimeSpan AnnounceCostAbove = TimeSpan.FromMinutes(1);

    public static Command Create(ConsoleIO io, ExperimentRegistry registry)
    {
        var id = new Argument<string>("experiment") { Description = "Experiment id, as 'theorylab list' shows." };
        var set = new Option<string[]>("--set") { Description = "Set an option: name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var config = new Option<FileInfo?>("--config") { Description = "JSON file of option values ({\"depth\": 10}); --set wins over it." };
        var quick = new Option<bool>("--quick") { Description = "Start from the Quick options, which run in seconds." };
        var seed = new Option<int>("--seed") { Description = "Seed for every random choice (default 0).", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string?>("--out") { Description = "The run directory (default runs/<experiment>/<run-id>)." };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Where datasets are read and cached (default ${DataStore.Variable} or the user cache)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document {experiment, runDir, findings} on stdout and nothing else." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the cost and the run directory, then exit without running." };
        var yes = new Option<bool>("--yes") { Description = $"Start a run estimated at more than {CostConfirmation.LongerThan.TotalHours:F0} h or more memory than the machine has." };
        var force = new Option<bool>("--force") { Description = "Run again even if an identical completed run exists, or replace a completed run of other options or seed in --out." };
        var command = new Command("run", "Run an experiment and write its run directory.") { id, set, config, quick, seed, device, output, dataDir, json, dryRun, force, yes };

        command.SetAction(parse =>
        {
            var experiment = registry.Get(parse.GetValue(id)!);
            object options = parse.GetValue(quick) ? experiment.QuickOptions : experiment.DefaultOptions;
            if (parse.GetValue(config) is { } file) options = experiment.Schema.BindJson(options, ReadConfig(file), file.FullName);
            options = experiment.Schema.Bind(options, (parse.GetValue(set) ?? []).Select(SplitAssignment));
            experiment.Validate(options);
            var computeDevice = ParseDevice(parse.GetValue(device)!);
            if (computeDevice == ComputeDevice.Cuda) TorchSetup.DeviceFor(computeDevice);

            using var interrupt = new CancellationTokenSource();
            var request = new RunRequest(experiment, options)
            {
                Seed = parse.GetValue(seed),
                Device = computeDevice,
                OutputDirectory = parse.GetValue(output),
                Force = parse.GetValue(force),
                Cancellation = interrupt.Token,
                Data = DataStore.FromOption(parse.GetValue(dataDir)),
            };
            bool asJson = parse.GetValue(json);

            var plan = RunPlan.For(request);
            if (parse.GetValue(dryRun))
            {
                var cost = experiment.EstimateCost(options);
                if (asJson)
                {
                    io.Out.WriteLine(RunJson.WriteCost(experiment.Id, request.RunId, Path.GetFullPath(request.Directory), cost));
                    return CliApp.Ok;
                }
                io.Out.WriteLine($"{experiment.Id}: {cost}");
                io.Out.WriteLine($"run directory: {plan.Directory}");
                return CliApp.Ok;
            }
            if (plan.Action != RunAction.Reuse)
            {
                experiment.PrepareData(options, request.Data);
                // Estimates may time a few steps, so they come after the checks that need no computing.
                var cost = experiment.EstimateCost(options);
                if (!parse.GetValue(yes) && CostConfirmation.Reason(cost, CostConfirmation.MachineMemoryBytes) is { } reason)
                    throw new TheoryLabException($"{experiment.Id}: {cost}, {reason}; pass --yes to start it anyway, or change the options (--dry-run shows the cost).");
                if (cost.Estimated > AnnounceCostAbove)
                    io.Error.WriteLine($"{experiment.Id}: {cost} (use --dry-run to see this without running)");
            }
            if (plan.Note is { } note) io.Error.WriteLine(note);

            RunOutcome outcome;
            using (new InterruptSignals(interrupt))
                outcome = Progress.Show(io, sink => Runner.Run(request with { Progress = sink }));
            if (asJson) io.Out.WriteLine(RunJson.Write(outcome));
            else FindingsView.Print(io, outcome);
            return CliApp.Ok;
        });
        return command;
    }

    internal static KeyValuePair<string, string> SplitAssignment(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new TheoryLabException($"--set expects name=value, got '{assignment}'.");
        return KeyValuePair.Create(assignment[..eq], assignment[(eq + 1)..]);
    }

    private static ComputeDevice ParseDevice(string text) =>
        OptionValues.TryParse(typeof(ComputeDevice), text, out var value, out _)
            ? (ComputeDevice)value!
            : throw new TheoryLabException($"--device must be cpu or cuda, got '{text}'.");

    private static string ReadConfig(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TheoryLabException($"cannot read the config file {file.FullName} ({e.Message}); pass a readable JSON file to --config.");
        }
    }
}

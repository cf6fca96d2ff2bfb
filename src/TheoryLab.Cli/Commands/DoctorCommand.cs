using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TheoryLab.Data;
using TheoryLab.Diagnostics;

namespace TheoryLab.Cli.Commands;

/// <summary>
/// <c>theorylab doctor [--json] [--data-dir DIR]</c>: the engine's health on one screen. Exits non-zero when a run
/// could not compute trustworthy numbers here (libtorch does not load, or no kernel path passes the self-check).
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(ConsoleIO io)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON document and nothing else." };
        var dataDir = new Option<string?>("--data-dir") { Description = "The data directory to examine (default $THEORYLAB_DATA, else ~/.cache/theorylab/data)." };
        var command = new Command("doctor", "Check that this machine computes correct numbers, and what TheoryLab found here.") { json, dataDir };
        command.SetAction(parse =>
        {
            var report = Doctor.Examine(DataStore.FromOption(parse.GetValue(dataDir)));
            if (parse.GetValue(json))
                io.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
            else
                Print(io, report);
            return report.RunsCanProceed ? CliApp.Ok : CliApp.UserError;
        });
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static void Print(ConsoleIO io, DoctorReport report)
    {
        var s = report.Software;
        io.Out.WriteLine($"TheoryLab {s.TheoryLabVersion}{(s.GitCommit is null ? "" : $" ({s.GitCommit[..Math.Min(12, s.GitCommit.Length)]})")} · TorchSharp {s.TorchSharp} · libtorch {s.Libtorch} · {s.DotNet}");
        io.Out.WriteLine($"CPU       {s.Cpu}, {s.Cores} cores; {string.Join(' ', report.VectorExtensions)}");
        io.Out.WriteLine($"threads   {(report.TorchThreads?.ToString(CultureInfo.InvariantCulture) ?? "—")} (libtorch intra-op)");
        io.Out.WriteLine($"libtorch  loaded {report.LibtorchLoadedFrom}");
        if (report.Kernels is { } health)
        {
            io.Out.WriteLine($"kernels   {health.Path}: {health.Decision} ({health.Milliseconds:F0} ms)");
            var table = new Spectre.Console.Table().AddColumns("kernel", "worst relative error", "tolerance", "verdict");
            foreach (var k in health.Kernels)
                table.AddRow(Markup.Escape(k.Kernel), k.WorstRelativeError.ToString("G3", CultureInfo.InvariantCulture),
                    k.Tolerance.ToString("G1", CultureInfo.InvariantCulture), k.WorstRelativeError <= k.Tolerance ? "ok" : "WRONG");
            foreach (var v in health.RejectedOnOneDnn)
                table.AddRow(Markup.Escape($"{v.Kernel} on oneDNN ({v.Output})"), v.RelativeError.ToString("G3", CultureInfo.InvariantCulture),
                    v.Tolerance.ToString("G1", CultureInfo.InvariantCulture), "wrong: not used");
            io.Rich.Write(table);
            io.Out.WriteLine($"          the choice is remembered in {report.KernelCheckCache}");
        }
        else
        {
            io.Out.WriteLine($"kernels   BROKEN: {report.EngineFailure}");
        }
        foreach (var tool in report.Tools)
            io.Out.WriteLine($"{tool.Program,-9} {(tool.Path ?? "not found")} (for {tool.NeededFor})");
        var data = report.Data;
        io.Out.WriteLine($"data      {data.Directory}{(data.Exists ? "" : " (absent: MNIST-1D is generated; other datasets need --data-dir)")}");
        foreach (var entry in data.Entries) io.Out.WriteLine($"          {entry}");
        io.Out.WriteLine(report.RunsCanProceed ? "verdict   runs can proceed" : "verdict   runs cannot proceed on this machine");
    }
}

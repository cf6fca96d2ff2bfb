using System.Diagnostics;
using System.Reflection;

namespace TheoryLab.Cli.Commands;

/// <summary>How to start this CLI again, for a sweep's local workers and its Slurm array tasks.</summary>
internal static class CliExecutable
{
    /// <summary>
    /// The executable of this process where it is the CLI's own (its apphost, a dotnet tool's shim, a self-contained
    /// build); else the dotnet host with the CLI's assembly, as under <c>dotnet TheoryLab.Cli.dll</c> or in a test host,
    /// whose entry assembly is not the CLI. Paths are absolute where they can be found, so a batch script on another
    /// node names the same files.
    /// </summary>
    public static (string Program, IReadOnlyList<string> Prefix) Command()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        bool dotnetHost = Path.GetFileNameWithoutExtension(process) == "dotnet";
        if (!dotnetHost && Assembly.GetEntryAssembly() == typeof(CliApp).Assembly) return (process, []);
        string host = dotnetHost ? process : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? ProgramPath.Find("dotnet") ?? "dotnet";
        return (host, [typeof(CliApp).Assembly.Location]);
    }

    /// <summary>A start of this CLI (<see cref="Command"/>'s program and prefix) for the caller to add its arguments to.</summary>
    public static ProcessStartInfo StartInfo()
    {
        var (program, prefix) = Command();
        var info = new ProcessStartInfo(program);
        foreach (string argument in prefix) info.ArgumentList.Add(argument);
        return info;
    }
}

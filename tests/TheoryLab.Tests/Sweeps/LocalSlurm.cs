using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace TheoryLab.Tests.Sweeps;

/// <summary>
/// A single-node Slurm cluster on this machine, all of it in a temporary directory: a munge key and munged on its
/// own socket, a minimal slurm.conf (this host as controller and only node, no cgroups, no accounting), and
/// slurmctld and slurmd in the foreground. Disposing stops every daemon it started, and what they started.
/// </summary>
[UnsupportedOSPlatform("windows")] // Slurm runs on Linux
internal sealed class LocalSlurm : IDisposable
{
    private static readonly string[] Daemons = ["munged", "slurmctld", "slurmd"];
    private readonly List<Process> _started = [];

    public string Directory { get; }
    public string Conf => Path.Combine(Directory, "slurm.conf");
    public string Node { get; } = Environment.MachineName;

    /// <summary>Null where Debian's slurm-wlm and munge are installed; else why the cluster cannot start.</summary>
    public static string? Missing =>
        Daemons.FirstOrDefault(d => Find(d) is null) is { } absent
            ? $"{absent} is not installed; a real single-node Slurm needs Debian's slurm-wlm and munge (apt-get install slurm-wlm munge, as .ci/run does)"
            : null;

    public LocalSlurm(string directory)
    {
        Directory = directory;
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Start()
    {
        foreach (var folder in new[] { "munge", "state", "spool", "log" }) System.IO.Directory.CreateDirectory(Path.Combine(Directory, folder));
        string munge = Path.Combine(Directory, "munge");
        File.SetUnixFileMode(munge, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string key = Path.Combine(munge, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead); // munged refuses a key others can read
        string socket = Path.Combine(munge, "socket");
        Launch("munged", "--foreground", "--force", $"--key-file={key}", $"--socket={socket}", $"--pid-file={munge}/munged.pid",
            $"--seed-file={munge}/munged.seed", $"--log-file={Directory}/log/munged.log");
        WaitFor(() => File.Exists(socket), "munged did not create its socket", "munged.log");

        File.WriteAllText(Conf, Configuration(socket, FreePort(), FreePort()));
        Launch("slurmctld", "-D", "-f", Conf);
        Launch("slurmd", "-D", "-f", Conf);
        WaitFor(() => Command("sinfo", "--noheader", "--format=%T").Out.Trim() == "idle", "the node did not become idle", "slurmctld.log");
    }

    /// <summary>The smallest slurm.conf of a one-node cluster that runs as the current user, with no cgroups and no accounting.</summary>
    private string Configuration(string socket, int controllerPort, int nodePort)
    {
        string user = Environment.UserName;
        return string.Join('\n',
            "ClusterName=theorylab-test",
            $"SlurmctldHost={Node}",
            $"SlurmUser={user}",
            $"SlurmdUser={user}",
            $"SlurmctldPort={controllerPort}",
            $"SlurmdPort={nodePort}",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            $"AuthInfo=socket={socket}",
            $"StateSaveLocation={Directory}/state",
            $"SlurmdSpoolDir={Directory}/spool",
            $"SlurmctldPidFile={Directory}/slurmctld.pid",
            $"SlurmdPidFile={Directory}/slurmd.pid",
            $"SlurmctldLogFile={Directory}/log/slurmctld.log",
            $"SlurmdLogFile={Directory}/log/slurmd.log",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "MpiDefault=none",
            "ReturnToService=2",
            $"NodeName={Node} CPUs={Environment.ProcessorCount} RealMemory=1024 State=UNKNOWN",
            "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
            "");
    }

    /// <summary>Runs a Slurm client command against this cluster.</summary>
    public (int Code, string Out) Command(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(Find(command) ?? command) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_CONF"] = Conf;
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>
    /// The live processes whose command line names this cluster's directory, and any job step a daemon left: none once
    /// disposed. A zombie (state Z, shown as "[slurmstepd] &lt;defunct&gt;") has already exited; slurmd double-forks its
    /// steps, so their exit status goes to PID 1, and a container whose PID 1 does not reap leaves them listed for good.
    /// </summary>
    public IReadOnlyList<string> Leftovers() => Processes().Where(p => !p.Zombie).Select(p => p.Line).ToList();

    /// <summary>This cluster's exited processes still waiting for their parent to reap them (see <see cref="Leftovers"/>).</summary>
    public IReadOnlyList<string> Zombies() => Processes().Where(p => p.Zombie).Select(p => p.Line).ToList();

    private IEnumerable<(bool Zombie, string Line)> Processes()
    {
        var ps = Process.Start(new ProcessStartInfo("ps", "-eo pid=,stat=,args=") { RedirectStandardOutput = true })!;
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ps.WaitForExit();
        foreach (string line in lines.Where(l => l.Contains(Directory) || l.Contains("slurmstepd")))
        {
            string[] fields = line.Trim().Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            yield return (fields[1].StartsWith('Z'), line.Trim());
        }
    }

    public string Log(string name)
    {
        string path = Path.Combine(Directory, "log", name);
        return File.Exists(path) ? File.ReadAllText(path) : $"({name} was not written)";
    }

    private void Launch(string daemon, params string[] arguments)
    {
        var info = new ProcessStartInfo(Find(daemon)!) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_CONF"] = Conf;
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
    }

    private void WaitFor(Func<bool> ready, string failure, string log)
    {
        var clock = Stopwatch.StartNew();
        while (!ready())
        {
            if (_started.FirstOrDefault(p => p.HasExited) is { } ended)
                throw new InvalidOperationException($"{failure}: a daemon exited with code {ended.ExitCode}; {log}:\n{Log(log)}");
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"{failure} within 60 s; {log}:\n{Log(log)}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Stops the daemons, the node's first so that it ends its job steps, each with SIGTERM and then, where it lingers, SIGKILL.</summary>
    public void Dispose()
    {
        foreach (var process in Enumerable.Reverse(_started))
        {
            try
            {
                if (!process.HasExited) Kill(process.Id);
                if (!process.WaitForExit(TimeSpan.FromSeconds(20))) process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // It had already ended.
            }
            process.Dispose();
        }
        _started.Clear();
    }

    private static void Kill(int pid) => Process.Start("kill", ["-TERM", pid.ToString()])!.WaitForExit();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A program on PATH or in /usr/sbin, where Debian puts the daemons and a user's PATH often does not reach.</summary>
    private static string? Find(string program) =>
        ProgramPath.Find(program) ?? (File.Exists($"/usr/sbin/{program}") ? $"/usr/sbin/{program}" : null);
}

/// <summary>A test that runs against <see cref="LocalSlurm"/>, skipped with the reason where Slurm or munge is not installed.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalSlurmFactAttribute : FactAttribute
{
    public LocalSlurmFactAttribute()
    {
        if (LocalSlurm.Missing is { } reason) Skip = reason;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace TheoryLab.Web;

/// <summary>The runs launched by one server, by launch id.</summary>
internal sealed class Launches(string root, Func<ProcessStartInfo> cli)
{
    private readonly ConcurrentDictionary<string, Launch> _byId = new();
    private int _count;

    /// <summary>Starts <c>theorylab</c> with <paramref name="arguments"/> (a run or a sweep), writing into <paramref name="directory"/> under the root.</summary>
    /// <param name="cancelled">What a cancellation leaves, said in its last event.</param>
    public Launch Start(string directory, IEnumerable<string> arguments, string cancelled)
    {
        string id = Interlocked.Increment(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var launch = Launch.Start(id, Path.GetRelativePath(root, directory), cli(), arguments, cancelled);
        _byId[id] = launch;
        return launch;
    }

    public Launch? Find(string id) => _byId.GetValueOrDefault(id);

    public void Interrupt()
    {
        foreach (var launch in _byId.Values) launch.Interrupt();
    }

    /// <summary>Waits for every launched run to end, so the server exits after they have marked themselves.</summary>
    public Task WaitForAll() => Task.WhenAll(_byId.Values.Select(l => l.Ended));
}

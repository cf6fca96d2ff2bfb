using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TheoryLab.Training;

/// <summary>
/// The processor time the calling thread has used: work measured this way takes as long on a busy machine as on an idle
/// one, where a stopwatch also counts the time the thread waited for a core. Linux only; elsewhere it is the stopwatch.
/// </summary>
public static class ThreadClock
{
    private const int ClockThreadCpuTime = 3;  // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether <see cref="Seconds"/> counts the thread's processor time (true) or wall time.</summary>
    public static bool CountsProcessorTime { get; } = OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out _) == 0;

    /// <summary>The thread's processor time in seconds, from an arbitrary origin.</summary>
    public static double Seconds()
    {
        if (!CountsProcessorTime) return (double)Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        ClockGetTime(ClockThreadCpuTime, out var time);
        return time.Seconds + time.Nanoseconds * 1e-9;
    }
}

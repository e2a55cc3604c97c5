using System.Globalization;

namespace GenreStream.Host.Bench;

/// <summary>
/// CPU time of the calling thread: on Linux the first field of <c>/proc/thread-self/schedstat</c> (nanoseconds on a CPU),
/// elsewhere the whole process's CPU time. Reading it allocates: call it outside measured loops.
/// </summary>
internal static class ThreadCpuClock
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    /// <summary>Seconds of CPU the calling thread (or, without /proc, the process) has used.</summary>
    public static double Seconds()
    {
        try
        {
            var text = File.ReadAllText(SchedStat);
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            if (end > 0 && long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var nanoseconds))
            {
                return nanoseconds / 1e9;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return Environment.CpuUsage.TotalTime.TotalSeconds;
    }
}

namespace GenreStream.Host.Bench;

/// <summary>What <c>genre bench</c> holds its figures to, and whether a report meets each.</summary>
internal static class BenchGoals
{
    /// <summary>Seconds of audio per second of CPU, one stream on one thread: at least this.</summary>
    public const double RealtimeFactor = 2000;

    /// <summary>Bytes allocated per window once warm: at most this.</summary>
    public const double BytesPerWindow = 0;

    /// <summary>99th percentile of the window latency, in milliseconds: at most this.</summary>
    public const double P99WindowLatencyMs = 1;

    /// <summary>"met" or "not met", for the table.</summary>
    public static string Verdict(bool met) => met ? "met" : "not met";
}

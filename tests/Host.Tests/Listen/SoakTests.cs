using System.Diagnostics;
using System.Globalization;
using GenreStream.Model.Features;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Listen;

/// <summary>
/// Two hours of audio through the real <c>genre listen</c> as fast as it goes: every expected event comes
/// out, resident memory stays flat after warm-up, threads and file handles do not grow.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper log)
{
    private const int Rate = 22050;
    private const int Seconds = 2 * 60 * 60;

    /// <summary>/proc figures of a running process: resident kilobytes, threads, open file descriptors.</summary>
    private static (long RssKb, int Threads, int Fds)? Sample(int pid)
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            long Field(string name) => long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return (Field("VmRSS"), (int)Field("Threads"), Directory.GetFiles($"/proc/{pid}/fd").Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null; // the process ended between two reads
        }
    }

    [SkippableFact]
    public void Two_hours_through_listen_lose_nothing_and_leak_nothing()
    {
        Requires.Available(Directory.Exists("/proc/self") ? null : "needs Linux /proc to watch memory, threads and handles");

        // A minute of music-like audio as 16-bit PCM, looped for two hours into standard input.
        var minute = Signals.MusicLike(Rate, 60, 9).Select(v => (short)Math.Clamp(v * 32767, -32768, 32767)).ToArray();
        var bytes = new byte[minute.Length * 2];
        Buffer.BlockCopy(minute, 0, bytes, 0, bytes.Length);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "genre.dll"), "listen", "--source", "-", "--format", "s16le", "--rate", "22050", "--channels", "1", "--json" })
        {
            start.ArgumentList.Add(a);
        }

        using var listen = Process.Start(start)!;
        var error = listen.StandardError.ReadToEndAsync();
        var genres = 0L;
        var lastTime = 0.0;
        var reading = Task.Run(() =>
        {
            while (listen.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("{\"type\":\"genre\"", StringComparison.Ordinal))
                {
                    genres++;
                    var at = line.IndexOf("\"time\":", StringComparison.Ordinal) + 7;
                    lastTime = double.Parse(line.AsSpan(at, line.IndexOf(',', at) - at), CultureInfo.InvariantCulture);
                }
            }
        });

        var samples = new List<(int Minute, long RssKb, int Threads, int Fds)>();
        var clock = Stopwatch.StartNew();
        using (var input = listen.StandardInput.BaseStream)
        {
            for (var m = 0; m < Seconds / 60; m++)
            {
                input.Write(bytes);
                if (m % 5 == 4 && Sample(listen.Id) is { } s)
                {
                    samples.Add((m + 1, s.RssKb, s.Threads, s.Fds));
                }
            }
        }

        Assert.True(listen.WaitForExit(TimeSpan.FromMinutes(5)), "listen did not finish");
        reading.Wait();
        var elapsed = clock.Elapsed;
        Assert.True(listen.ExitCode == 0, error.Result);

        // Every step of two hours: as many 3-s windows every 1.5 s as fit.
        var spec = FeatureSpec.Default;
        var frames = 1 + (((long)Seconds * spec.SampleRate - spec.FrameSize) / spec.HopSize);
        var expected = 1 + ((frames - spec.TextureFrames) / spec.TextureHopFrames);
        Assert.Equal(expected, genres);
        Assert.True(lastTime > Seconds - 3);

        // After warm-up (the first quarter hour), memory is flat and nothing piles up.
        var warm = samples.Where(s => s.Minute > 15).ToArray();
        Assert.True(warm.Length >= 10, $"{warm.Length} samples");
        var rss = warm.Max(s => s.RssKb) - warm.Min(s => s.RssKb);
        Assert.True(rss <= 10 * 1024, $"resident memory moved by {rss / 1024.0:0.0} MB: {string.Join(", ", warm.Select(s => $"{s.Minute}m {s.RssKb / 1024.0:0.0} MB"))}");
        Assert.True(warm.Max(s => s.Threads) - warm.Min(s => s.Threads) <= 2, $"threads: {string.Join(", ", warm.Select(s => s.Threads))}");
        Assert.Equal(warm.Min(s => s.Fds), warm.Max(s => s.Fds));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"2 h of audio in {elapsed.TotalSeconds:0.0} s ({Seconds / elapsed.TotalSeconds:0}x real time), {genres} events; after warm-up resident {warm.Min(s => s.RssKb) / 1024.0:0.0}–{warm.Max(s => s.RssKb) / 1024.0:0.0} MB, threads {warm.Min(s => s.Threads)}–{warm.Max(s => s.Threads)}, fds {warm.Min(s => s.Fds)}"));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Streaming.Tests.Sources;

/// <summary>
/// Ten thousand damaged WAV, AU and raw inputs (<see cref="DamagedAudio"/>) through the readers, on a
/// pipe and from a file: each ends, in bounded time and memory, in finite samples or an
/// <see cref="AudioFormatException"/> with one line naming the problem (and the file, when opened by path).
/// </summary>
[Trait("Category", "ffmpeg")]
public sealed class DamagedInputTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;
    private const int Count = 10_000;
    private static readonly TimeSpan PerInputBound = TimeSpan.FromSeconds(10);

    /// <summary>Bytes a reader may allocate beyond its input: its buffers, an exception, a file stream.</summary>
    private const long AllocationBound = 1 << 20;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public void Every_damaged_input_reads_or_fails_with_a_one_line_error_in_bounded_time_and_memory()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH (apt-get install ffmpeg): content that is not WAV or AU goes to it");
        var failures = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var input = DamagedAudio.Create(Seed, i);
            try
            {
                outcomes.AddOrUpdate("pipe " + Check(input, () => OpenOnPipe(input), null), 1, (_, n) => n + 1);
                if (input.Container != DamagedContainer.Raw)
                {
                    var path = _temp.Write(input.FileName, input.Bytes);
                    var route = SniffsAsWavOrAu(input.Bytes) ? "file" : "file via ffmpeg";
                    outcomes.AddOrUpdate($"{route} " + Check(input, () => AudioFileReader.Open(path), path), 1, (_, n) => n + 1);
                    File.Delete(path);
                }
            }
            catch (Exception e)
            {
                failures.Enqueue($"{input}: {e.GetType().Name}: {e.Message}");
            }
        });

        output.WriteLine($"{Count} inputs (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {Count} inputs misbehaved:\n{string.Join("\n", failures.Take(20))}");
    }

    [Theory]
    [InlineData(DamagedContainer.Wav)]
    [InlineData(DamagedContainer.Au)]
    public void A_huge_declared_size_on_a_damaged_input_is_never_allocated(DamagedContainer container)
    {
        // The generator marks inputs whose size fields now claim far more than the file holds.
        var huge = DamagedAudio.Generate(Seed, 3000).Where(d => d.HugeDeclaredSize && d.Container == container).ToList();
        Assert.True(huge.Count > 20, $"only {huge.Count} inputs with a huge declared size");
        foreach (var input in huge)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Check(input, () => OpenOnPipe(input), null);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < AllocationBound, $"{input}: allocated {allocated} bytes");
        }
    }

    private static bool SniffsAsWavOrAu(byte[] bytes) =>
        (bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8)) || bytes.AsSpan().StartsWith(".snd"u8);

    private static ISampleReader OpenOnPipe(DamagedInput input)
    {
        var chunk = 1 + (input.Index % 4 * 997);
        var stream = new PipeLikeStream(input.Bytes, chunk);
        return input.Container switch
        {
            DamagedContainer.Wav => new WavReader(stream),
            DamagedContainer.Au => new AuReader(stream),
            _ => new RawPcmReader(
                stream,
                RawSampleFormat.Parse(input.Raw!.Format),
                new AudioFormat(input.Raw.SampleRate, input.Raw.Channels)),
        };
    }

    /// <summary>Opens and reads to the end; returns "read" or "refused", or throws with what was wrong.</summary>
    private static string Check(DamagedInput input, Func<ISampleReader> open, string? path)
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetAllocatedBytesForCurrentThread();
        string outcome;
        try
        {
            using var reader = open();
            var format = reader.Format;
            Assert.InRange(format.Channels, 1, 256);
            Assert.InRange(format.SampleRate, 1000, 1_000_000);
            var buffer = new float[format.Channels * 512];
            int n;
            while ((n = reader.Read(buffer)) > 0)
            {
                if (n % format.Channels != 0)
                {
                    throw new InvalidOperationException($"a read returned {n} samples, not whole frames of {format.Channels}");
                }

                for (var i = 0; i < n; i++)
                {
                    if (!float.IsFinite(buffer[i]))
                    {
                        throw new InvalidOperationException($"sample {buffer[i]} is not finite");
                    }
                }

                if (clock.Elapsed > PerInputBound)
                {
                    throw new TimeoutException($"still reading after {PerInputBound.TotalSeconds} s");
                }
            }

            outcome = "read";
        }
        catch (AudioFormatException e)
        {
            if (string.IsNullOrWhiteSpace(e.Message) || e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains("   at ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the error is not one line: '{e.Message}'");
            }

            if (path is not null && !e.Message.Contains(path, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"the error does not name the file: '{e.Message}'");
            }

            outcome = "refused";
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Starting ffmpeg (a process, its pipes) costs about 1.5 MB whatever the input.
        var bound = (path is not null && !SniffsAsWavOrAu(input.Bytes) ? 4 * AllocationBound : AllocationBound) + (4L * input.Bytes.Length * sizeof(float));
        if (allocated > bound)
        {
            throw new InvalidOperationException($"allocated {allocated} bytes (bound {bound})");
        }

        if (clock.Elapsed > PerInputBound)
        {
            throw new TimeoutException($"took {clock.Elapsed.TotalSeconds:F1} s");
        }

        return outcome;
    }
}

using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GenreStream.NAudio.Tests;

/// <summary>
/// The ring behind Windows capture, fed as WASAPI feeds it (byte buffers in the device's <see cref="WaveFormat"/>, made here
/// by NAudio's own converters), read as <see cref="LiveCapture"/> reads it.
/// </summary>
public class PushSampleReaderTests
{
    private static readonly WaveFormat Stereo16 = new(48000, 16, 2);

    [Fact]
    public void Buffers_pushed_in_pieces_read_back_as_the_samples_naudio_decodes()
    {
        var bytes = Render(new SignalGenerator(48000, 2) { Type = SignalGeneratorType.Triangle, Frequency = 300, Gain = 0.6 }.ToWaveProvider16(), 1.0);
        var expected = new RawSourceWaveStream(bytes, 0, bytes.Length, Stereo16).ToSampleProvider().ToSampleReader().ReadAll(4096);
        using var reader = new PushSampleReader(Stereo16, capacitySeconds: 2);
        var random = new Random(3);
        var producer = new Thread(() =>
        {
            var offset = 0;
            while (offset < bytes.Length)
            {
                var length = Math.Min(bytes.Length - offset, random.Next(1, 5000)); // pieces that split frames and samples
                reader.Push(bytes.AsSpan(offset, length - (length % 4)));
                offset += length - (length % 4);
            }

            reader.Stop(null);
        });
        producer.Start();

        var actual = reader.ReadAll(777 * 2);

        Assert.True(producer.Join(TimeSpan.FromSeconds(30)), "the producer did not finish");
        Assert.Equal(expected, actual);
        Assert.Equal(0, reader.DroppedFrames);
    }

    [Fact]
    public void When_the_reader_falls_behind_the_oldest_audio_is_dropped_and_counted()
    {
        var bytes = Render(new SignalGenerator(48000, 2) { Type = SignalGeneratorType.SawTooth, Frequency = 50, Gain = 0.5 }.ToWaveProvider16(), 3.0);
        var expected = new RawSourceWaveStream(bytes, 0, bytes.Length, Stereo16).ToSampleProvider().ToSampleReader().ReadAll(4096);
        using var reader = new PushSampleReader(Stereo16, capacitySeconds: 1);

        for (var offset = 0; offset < bytes.Length; offset += 4800 * 4)
        {
            reader.Push(bytes.AsSpan(offset, Math.Min(4800 * 4, bytes.Length - offset)));
        }

        reader.Stop(null);
        var kept = reader.ReadAll(4096);

        Assert.Equal(2 * 48000, reader.DroppedFrames);
        Assert.Equal(expected[^(48000 * 2)..], kept);
    }

    [Fact]
    public void A_capture_that_fails_is_read_to_its_end_then_throws_in_one_line()
    {
        using var reader = new PushSampleReader(WaveFormat.CreateIeeeFloatWaveFormat(44100, 1));
        var floats = new float[441];
        floats.AsSpan().Fill(0.25f);
        reader.Push(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
        reader.Stop(new InvalidOperationException("The audio device was removed\n(AUDCLNT_E_DEVICE_INVALIDATED)"));

        var buffer = new float[1000];
        Assert.Equal(441, reader.Read(buffer));
        Assert.All(buffer[..441], s => Assert.Equal(0.25f, s));
        var error = Assert.Throws<AudioFormatException>(() => reader.Read(buffer));
        Assert.Equal("capture stopped: The audio device was removed (AUDCLNT_E_DEVICE_INVALIDATED)", error.Message);
    }

    [Fact]
    public void Live_capture_over_push_readers_reports_lost_and_recovered_when_a_capture_fails()
    {
        var format = WaveFormat.CreateIeeeFloatWaveFormat(22050, 1);
        var opened = 0;
        var states = new System.Collections.Concurrent.ConcurrentQueue<SourceStateChange>();
        var second = new ManualResetEventSlim();
        ISampleReader Open()
        {
            var reader = new PushSampleReader(format);
            var attempt = Interlocked.Increment(ref opened);
            var floats = new float[22050];
            floats.AsSpan().Fill(0.1f * attempt);
            reader.Push(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
            reader.Stop(attempt == 1 ? new InvalidOperationException("device unplugged") : null);
            if (attempt == 2)
            {
                second.Set();
            }

            return reader;
        }

        var blocks = new List<float>();
        var done = new ManualResetEventSlim();
        using var subscription = LiveCapture.Read(Open, states.Enqueue, blockFrames: 1000, maxBackoff: TimeSpan.FromSeconds(0.5))
            .Subscribe(b => blocks.AddRange(b.Samples.Span.ToArray()), _ => done.Set(), done.Set);

        Assert.True(done.Wait(TimeSpan.FromSeconds(60)), "the capture did not end");
        Assert.True(second.IsSet);
        Assert.Equal([SourceState.Started, SourceState.Lost, SourceState.Recovered, SourceState.Ended], states.Select(s => s.State));
        Assert.Contains("device unplugged", states.ElementAt(1).Detail);
        Assert.Equal(2 * 22050, blocks.Count);
        Assert.Equal(0.1f, blocks[0]);
        Assert.Equal(0.2f, blocks[^1]);
    }

    [Fact]
    public void A_capture_that_sends_nothing_reads_as_silence_for_the_quiet_time_when_asked()
    {
        var format = WaveFormat.CreateIeeeFloatWaveFormat(48000, 2);
        using var reader = new PushSampleReader(format, idleSilence: TimeSpan.FromMilliseconds(50));
        var buffer = new float[48000 * 2];
        buffer.AsSpan().Fill(1f);

        var read = reader.Read(buffer); // nothing was pushed: returns once 50 ms have passed

        Assert.True(read > 0, "no silence was read");
        Assert.Equal(0, read % 2);
        Assert.All(buffer[..read], s => Assert.Equal(0f, s));
        Assert.Equal(1f, buffer[read]);

        var floats = new float[] { 0.5f, -0.5f };
        reader.Push(System.Runtime.InteropServices.MemoryMarshal.AsBytes(floats.AsSpan()));
        Assert.Equal(2, reader.Read(buffer));
        Assert.Equal([0.5f, -0.5f], buffer[..2]);
    }

    [Fact]
    public void Without_idle_silence_a_quiet_capture_waits_for_audio()
    {
        using var reader = new PushSampleReader(WaveFormat.CreateIeeeFloatWaveFormat(8000, 1));
        var buffer = new float[100];
        var reading = new Thread(() => reader.Read(buffer));
        reading.Start();

        Assert.False(reading.Join(TimeSpan.FromMilliseconds(300)), "Read returned with nothing pushed");
        reader.Stop(null);
        Assert.True(reading.Join(TimeSpan.FromSeconds(30)), "Read did not end when the capture stopped");
    }

    private static byte[] Render(IWaveProvider provider, double seconds)
    {
        var bytes = new byte[(int)(seconds * provider.WaveFormat.AverageBytesPerSecond)];
        var read = 0;
        while (read < bytes.Length)
        {
            read += provider.Read(bytes.AsSpan(read));
        }

        return bytes;
    }
}

using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GenreStream.NAudio.Tests;

/// <summary>NAudio's own providers (generators, WAV reader and writer) read through <see cref="SampleProviderReader"/>.</summary>
public class SampleProviderReaderTests
{
    [Fact]
    public void A_signal_generator_reads_as_its_rate_channels_and_length()
    {
        var sine = new SignalGenerator(44100, 2) { Type = SignalGeneratorType.Sin, Frequency = 441, Gain = 0.5 };
        using var reader = sine.Take(TimeSpan.FromSeconds(2)).ToSampleReader();

        var samples = reader.ReadAll(1000);

        Assert.Equal(new AudioFormat(44100, 2), reader.Format);
        Assert.Equal(2 * 44100 * 2, samples.Length);
        Assert.InRange(SignalLevel.Rms(samples, 2), 0.5 / Math.Sqrt(2) * 0.99, 0.5 / Math.Sqrt(2) * 1.01);
        var crossings = 0;
        for (var i = 2; i < samples.Length; i += 2)
        {
            crossings += (samples[i - 2] < 0) != (samples[i] < 0) ? 1 : 0;
        }

        Assert.InRange(crossings, (2 * 441 * 2) - 2, (2 * 441 * 2) + 2);
    }

    [Fact]
    public void A_provider_that_stops_inside_a_frame_still_gives_whole_frames()
    {
        var source = new OneSampleAtATime(new SignalGenerator(8000, 3) { Type = SignalGeneratorType.White }.Take(TimeSpan.FromSeconds(0.5)));
        using var reader = new SampleProviderReader(source);
        var buffer = new float[300];
        var total = 0;
        int count;
        while ((count = reader.Read(buffer)) > 0)
        {
            Assert.Equal(0, count % 3);
            total += count;
        }

        Assert.Equal(3 * 4000, total);
    }

    [Fact]
    public void A_16_bit_wav_written_by_naudio_reads_the_same_through_naudio_and_through_our_reader()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "tone.wav");
        var chord = new MixingSampleProvider(
        [
            new SignalGenerator(48000, 2) { Type = SignalGeneratorType.Sin, Frequency = 220, Gain = 0.3 },
            new SignalGenerator(48000, 2) { Type = SignalGeneratorType.Triangle, Frequency = 330, Gain = 0.2 },
        ]);
        WaveFileWriter.CreateWaveFile16(path, chord.Take(TimeSpan.FromSeconds(3)));

        float[] theirs, ours;
        using (var naudio = new WaveFileReader(path))
        using (var reader = ((IWaveProvider)naudio).ToSampleReader())
        {
            Assert.Equal(new AudioFormat(48000, 2), reader.Format);
            theirs = reader.ReadAll(4096);
        }

        using (var reader = AudioFileReader.Open(path))
        {
            ours = reader.ReadAll(4096);
        }

        Assert.Equal(3 * 48000 * 2, theirs.Length);
        Assert.Equal(ours, theirs);
    }

    [Fact]
    public void A_compressed_wave_provider_is_refused_in_one_line()
    {
        var adpcm = new RawSourceWaveStream(new MemoryStream(new byte[4096]), new AdpcmWaveFormat(8000, 1));

        var error = Assert.Throws<AudioFormatException>(() => ((IWaveProvider)adpcm).ToSampleReader());

        Assert.Contains("Adpcm", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A provider that hands out one sample per read, as some network or device providers do.</summary>
    private sealed class OneSampleAtATime(ISampleProvider source) : ISampleProvider
    {
        public WaveFormat WaveFormat => source.WaveFormat;

        public int Read(Span<float> buffer) => source.Read(buffer[..Math.Min(1, buffer.Length)]);
    }
}

using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

[Trait("Category", "ffmpeg")]
public class FfmpegDecoderTests
{
    private const string NoFfmpeg = "ffmpeg is not on PATH; install it (apt-get install ffmpeg) to run the decoder tests";

    [SkippableTheory]
    [InlineData("flac", 22050, 1)]
    [InlineData("ogg", 44100, 2)]
    public void Compressed_file_decodes_back_to_the_sine_it_was_made_from(string extension, int rate, int channels)
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : NoFfmpeg);
        using var dir = new TempDirectory();
        var seconds = 2;
        var signal = WavReaderRoundTripTests.Interleaved(channels, rate * seconds);
        var tone = Signals.Sine(440, rate, rate * seconds, amplitude: 0.5);
        for (var i = 0; i < tone.Length; i++)
        {
            signal[i * channels] = tone[i];
        }

        var wav = dir.Write("in.wav", new WavFileBuilder { SampleRate = rate, Channels = channels }.Build(signal));
        var encoded = dir.File("out." + extension);
        Ffmpeg.Run("-i", wav, encoded);

        using var reader = FfmpegDecoder.Open(encoded);
        var samples = reader.ReadAll();

        Assert.Equal(new AudioFormat(rate, channels), reader.Format);
        Assert.InRange(samples.Length / channels, rate * seconds * 0.98, rate * seconds * 1.02);
        Assert.InRange(SignalMeasure.ZeroCrossingFrequency(samples, channels, rate), 435, 445);
        Assert.InRange(SignalLevel.Rms(samples, channels), 0.5 / Math.Sqrt(2) * 0.9, 0.5 / Math.Sqrt(2) * 1.1);
    }

    [SkippableFact]
    public void Garbage_file_gives_a_format_error_quoting_ffmpeg()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : NoFfmpeg);
        using var dir = new TempDirectory();
        var path = dir.Write("notes.txt", "this is not audio at all\n"u8.ToArray());

        var e = Assert.Throws<AudioFormatException>(() => FfmpegDecoder.Open(path).Dispose());

        Assert.StartsWith($"{path}: ffmpeg could not decode it: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(path, e.Message[path.Length..], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Missing_ffmpeg_says_it_was_not_found()
    {
        var e = Assert.Throws<AudioFormatException>(() => FfmpegDecoder.Open("song.flac", "ffmpeg-does-not-exist-here"));

        Assert.StartsWith("song.flac: cannot be decoded: ffmpeg ('ffmpeg-does-not-exist-here') was not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install ffmpeg", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Disposing_before_the_end_stops_ffmpeg()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : NoFfmpeg);
        using var dir = new TempDirectory();
        var wav = dir.Write("long.wav", new WavFileBuilder { SampleRate = 48000, Channels = 2 }.Build(new float[48000 * 2 * 20]));
        var flac = dir.File("long.flac");
        Ffmpeg.Run("-i", wav, flac);

        var reader = FfmpegDecoder.Open(flac);
        Assert.True(reader.Read(new float[256]) > 0);
        var dispose = Task.Run(reader.Dispose);

        Assert.True(dispose.Wait(TimeSpan.FromSeconds(10)), "Dispose did not return");
    }
}

using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources;

[Trait("Category", "ffmpeg")]
public class FfmpegBatchDecoderTests
{
    private const string NoFfmpeg = "ffmpeg is not on PATH; install it (apt-get install ffmpeg) to run the decoder tests";

    [SkippableFact]
    public void Each_file_of_a_batch_decodes_to_the_samples_a_pipe_from_ffmpeg_gives()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : NoFfmpeg);
        using var dir = new TempDirectory();
        var inputs = new List<string>();
        var outputs = new List<string>();
        foreach (var (extension, rate, channels, frequency) in new[] { ("flac", 22050, 1, 440.0), ("ogg", 44100, 2, 1000.0), ("flac", 16000, 1, 250.0) })
        {
            var signal = Signals.Sine(frequency, rate, rate * channels, amplitude: 0.4);
            var wav = dir.Write($"in{inputs.Count}.wav", new WavFileBuilder { SampleRate = rate, Channels = channels }.Build(signal));
            var encoded = dir.File($"in{inputs.Count}.{extension}");
            Ffmpeg.Run("-i", wav, encoded);
            inputs.Add(encoded);
            outputs.Add(dir.File($"out{outputs.Count}.wav"));
        }

        Assert.Null(FfmpegBatchDecoder.DecodeToWavFiles(inputs, outputs, CancellationToken.None));

        for (var i = 0; i < inputs.Count; i++)
        {
            using var piped = FfmpegDecoder.Open(inputs[i]);
            using var batched = AudioFileReader.Open(outputs[i]);
            var expected = piped.ReadAll();
            Assert.Equal(piped.Format, batched.Format);
            Assert.Equal(expected, batched.ReadAll());
            Assert.NotEmpty(expected);
        }
    }

    [SkippableFact]
    public void One_unreadable_file_fails_the_batch_with_ffmpegs_first_error_line()
    {
        Requires.Available(Ffmpeg.IsAvailable ? null : NoFfmpeg);
        using var dir = new TempDirectory();
        var wav = dir.Write("ok.wav", new WavFileBuilder { SampleRate = 8000, Channels = 1 }.Build(new float[8000]));
        var garbage = dir.Write("notes.txt", "this is not audio at all\n"u8.ToArray());

        var error = FfmpegBatchDecoder.DecodeToWavFiles([wav, garbage], [dir.File("a.wav"), dir.File("b.wav")], CancellationToken.None);

        Assert.NotNull(error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void Missing_ffmpeg_says_it_was_not_found()
    {
        var error = FfmpegBatchDecoder.DecodeToWavFiles(["song.flac"], ["song.wav"], CancellationToken.None, "ffmpeg-does-not-exist-here");

        Assert.Equal("ffmpeg ('ffmpeg-does-not-exist-here') was not found", error);
    }
}

using System.Reactive.Linq;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using GenreStream.TestSupport;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GenreStream.NAudio.Tests;

/// <summary>The genre stream fed from NAudio providers equals the one fed from our own readers.</summary>
public class NAudioGenreExtensionsTests
{
    [Fact]
    public void A_generator_gives_one_tracked_prediction_per_step()
    {
        var model = TestModels.Random();
        var noise = new SignalGenerator(48000, 2) { Type = SignalGeneratorType.Pink, Gain = 0.3 }.Take(TimeSpan.FromSeconds(12));

        var steps = noise.ToGenreStream(model).ToList().Wait();

        // 12 s at 22.05 kHz: texture windows of 3 s every 1.5 s.
        Assert.InRange(steps.Count, 6, 7);
        Assert.All(steps, s => Assert.Equal(1.0, s.Prediction.Smoothed.ToArray().Sum(), 3));
        Assert.Equal(steps.Select(s => s.Prediction.Raw.StartSeconds).Order(), steps.Select(s => s.Prediction.Raw.StartSeconds));
    }

    [Fact]
    public void Classifying_a_wav_through_naudio_equals_classifying_it_through_our_reader()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "sweep.wav");
        var sweep = new SignalGenerator(44100, 1) { Type = SignalGeneratorType.Sweep, Frequency = 100, FrequencyEnd = 5000, SweepLengthSecs = 4, Gain = 0.4 };
        WaveFileWriter.CreateWaveFile(path, sweep.Take(TimeSpan.FromSeconds(8)).ToWaveProvider());
        var model = TestModels.Random();

        ClipResult theirs;
        using (var naudio = new WaveFileReader(path))
        {
            theirs = ((IWaveProvider)naudio).ClassifyGenre(model);
        }

        var ours = ClipClassifier.Classify(SampleReaderObservable.Read(() => AudioFileReader.Open(path)), model, TrackingOptions.Default, timeline: false);

        Assert.Equal(ours.Windows, theirs.Windows);
        Assert.True(theirs.Windows >= 3, $"{theirs.Windows} windows");
        Assert.Equal(ours.Probabilities, theirs.Probabilities);
    }

    [SkippableFact]
    [Trait("Category", "SharedData")]
    public void A_real_clip_read_by_naudios_wave_file_reader_is_classified_by_the_bundled_model()
    {
        var root = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH; install it (apt-get install ffmpeg)");
        using var folder = new TempDirectory();
        var wav = Path.Combine(folder.Path, "classical.wav");
        Ffmpeg.Run("-i", Path.Combine(root, "gtzan", "classical", "classical.00000.flac"), "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", wav);

        using var naudio = new WaveFileReader(wav);
        var result = naudio.ToSampleProvider().ClassifyGenre(GenreModel.LoadBundled());

        Assert.Equal(TrackStatus.Music, result.Status);
        Assert.Equal("classical", result.TopLabel);
        Assert.InRange(result.DurationSeconds, 27, 31);
    }

    [Fact]
    public void A_wave_format_becomes_the_raw_input_that_reads_its_bytes()
    {
        var pcm = new WaveFormat(48000, 16, 2).ToRawInput();
        var extensibleFloat = new WaveFormatExtensible(44100, 32, 2).ToRawInput();

        Assert.Equal(new RawInput(RawSampleFormat.S16LE, 48000, 2), pcm);
        Assert.Equal(new RawInput(RawSampleFormat.F32LE, 44100, 2), extensibleFloat);
        var error = Assert.Throws<AudioFormatException>(() => new WaveFormat(44100, 24, 2).ToRawInput());
        Assert.Contains("24-bit Pcm", error.Message);
    }
}

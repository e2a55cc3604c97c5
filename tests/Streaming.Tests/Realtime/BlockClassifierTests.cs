using System.Reactive.Linq;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Realtime;
using GenreStream.Streaming.Tracking;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Realtime;

public class BlockClassifierTests
{
    private sealed record Step(long Index, double Start, double Duration, float[] Raw, float[] Log, float Level, float[] Smoothed, int Current, TrackStatus Status, GenreChange? Change)
    {
        public static Step Of(TrackedPrediction t)
        {
            var p = t.Prediction;
            return new(p.Raw.Index, p.Raw.StartSeconds, p.Raw.DurationSeconds, p.Raw.Probabilities.ToArray(), p.Raw.LogProbabilities.ToArray(), p.Raw.LevelDecibels, p.Smoothed.ToArray(), t.Current, t.Status, t.Change);
        }
    }

    [Theory]
    [InlineData(22050, 8, 1)]
    [InlineData(44100, 8, 2)]
    [InlineData(48000, 6, 3)]
    [InlineData(44100, 1.2, 4)] // shorter than one texture window: one partial window at the end
    public void Random_blocks_give_exactly_the_predictions_of_the_Rx_pipeline(int rate, double seconds, int seed)
    {
        var model = TestModels.Random();
        var signal = Signals.MusicLike(rate, seconds, seed);
        var tracking = BlockClassifier.Tracking(smoothingSeconds: 2, BlockClassifier.NoSilenceThreshold);
        var expected = BlockStreams.Whole(signal, AudioFormat.Mono(rate))
            .PredictTracked(model, tracking)
            .Select(Step.Of).ToList().Wait();

        var (classifier, actual) = InRandomBlocks(model, rate, tracking, signal, seed);

        Assert.True(expected.Count >= 1);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e with { Raw = [], Log = [], Smoothed = [] }, a with { Raw = [], Log = [], Smoothed = [] });
            Assert.Equal(e.Raw, a.Raw);
            Assert.Equal(e.Log, a.Log);
            Assert.Equal(e.Smoothed, a.Smoothed);
        }

        Assert.Equal(expected[^1].Smoothed, classifier.Smoothed.ToArray());
        Assert.Equal(Array.IndexOf(expected[^1].Smoothed, expected[^1].Smoothed.Max()), classifier.GenreIndex);
        Assert.Equal(expected[^1].Smoothed.Max(), classifier.Confidence);
    }

    [Theory]
    [InlineData(22050, 5)]
    [InlineData(44100, 6)]
    public void With_pauses_and_listen_s_hysteresis_it_decides_every_window_as_the_Rx_pipeline(int rate, int seed)
    {
        // Music, 5 s of digital silence, other music, 4 s of silence, the first music again.
        var model = TestModels.Random();
        float[] signal = [.. Signals.MusicLike(rate, 9, seed), .. new float[rate * 5], .. Signals.MusicLike(rate, 8, seed + 1), .. new float[rate * 4], .. Signals.MusicLike(rate, 9, seed)];
        var tracking = TrackingOptions.Default with { SilenceThresholdDecibels = -60 };
        var expected = BlockStreams.Whole(signal, AudioFormat.Mono(rate)).PredictTracked(model, tracking).Select(Step.Of).ToList().Wait();

        var (classifier, actual) = InRandomBlocks(model, rate, tracking, signal, seed);

        Assert.Contains(expected, s => s.Status == TrackStatus.Silence);
        Assert.Equal(expected.Select(s => (s.Current, s.Status, s.Change)), actual.Select(s => (s.Current, s.Status, s.Change)));
        Assert.Equal(expected.Select(s => s.Smoothed), actual.Select(s => s.Smoothed));
    }

    /// <summary>Feeds <paramref name="signal"/> to a new block classifier in blocks of random sizes (1 to 9000 samples), then flushes.</summary>
    private static (BlockClassifier Classifier, List<Step> Windows) InRandomBlocks(Model.Softmax.SoftmaxModel model, int rate, TrackingOptions tracking, float[] signal, int seed)
    {
        var windows = new List<Step>();
        var classifier = new BlockClassifier(model, rate, tracking, onWindow: p => windows.Add(Step.Of(p)));
        var random = new Random(seed);
        for (var at = 0; at < signal.Length;)
        {
            var take = Math.Min(random.Next(1, 9000), signal.Length - at);
            classifier.Process(signal.AsSpan(at, take));
            at += take;
        }

        classifier.Flush();
        return (classifier, windows);
    }

    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    public void Allocates_nothing_per_block_once_warm(int rate)
    {
        var classifier = new BlockClassifier(TestModels.Random(), rate, 4, silenceThresholdDecibels: -60);
        var signal = Signals.MusicLike(rate, 20, seed: 5);
        var sizes = new[] { 64, 4096, 333, 1024, 9000, 128 };
        void Push(int from, int to)
        {
            var i = 0;
            for (var at = from; at < to; at += sizes[i++ % sizes.Length])
            {
                classifier.Process(signal.AsSpan(at, Math.Min(sizes[i % sizes.Length], to - at)));
            }
        }

        Push(0, 5 * rate); // warm up: windows classified, the JIT settled
        var windows = classifier.Windows;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Push(5 * rate, signal.Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(classifier.Windows - windows >= 8, $"only {classifier.Windows - windows} windows");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Silence_holds_the_probabilities_and_reports_no_genre_until_sound_returns()
    {
        const int rate = 22050;
        var classifier = new BlockClassifier(TestModels.Random(), rate, 4, silenceThresholdDecibels: -60);
        Assert.Equal(-1, classifier.GenreIndex);
        Assert.All(classifier.Smoothed.ToArray(), p => Assert.Equal(0.1f, p));

        classifier.Process(Signals.MusicLike(rate, 6, seed: 1));
        var genre = classifier.GenreIndex;
        Assert.InRange(genre, 0, 9);
        Assert.False(classifier.IsSilent);

        // A 3-s window that still holds some music is not silent; the next ones are.
        classifier.Process(new float[rate * 4]);
        Assert.True(classifier.IsSilent);
        var held = classifier.Smoothed.ToArray();
        var windows = classifier.Windows;
        classifier.Process(new float[rate * 6]);
        Assert.True(classifier.Windows - windows >= 3);
        Assert.True(classifier.IsSilent);
        Assert.Equal(-1, classifier.GenreIndex);
        Assert.Equal(0, classifier.Confidence);
        Assert.Equal(held, classifier.Smoothed.ToArray());

        classifier.Process(Signals.MusicLike(rate, 6, seed: 1));
        Assert.False(classifier.IsSilent);
        Assert.InRange(classifier.GenreIndex, 0, 9);
        Assert.Equal(1, classifier.Smoothed.ToArray().Sum(), 1e-5);
    }

    [Fact]
    public void The_smoothing_time_constant_can_change_between_blocks()
    {
        var signal = Signals.MusicLike(22050, 8, seed: 2);
        var classifier = new BlockClassifier(TestModels.Random(), 22050, 4);
        classifier.Process(signal.AsSpan(0, 22050 * 4));
        classifier.SmoothingSeconds = 0;
        classifier.Process(signal.AsSpan(22050 * 4));

        var lastRaw = new float[10];
        var unsmoothed = new BlockClassifier(TestModels.Random(), 22050, 0, onWindow: p => p.Prediction.Raw.Probabilities.Span.CopyTo(lastRaw));
        unsmoothed.Process(signal);
        Assert.Equal(lastRaw, classifier.Smoothed.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.SmoothingSeconds = double.NaN);
    }

    [Fact]
    public void After_a_reset_the_same_audio_gives_the_same_result_as_a_new_classifier()
    {
        var signal = Signals.MusicLike(44100, 7, seed: 6);
        var fresh = new BlockClassifier(TestModels.Random(), 44100, 4);
        fresh.Process(signal);
        var reused = new BlockClassifier(TestModels.Random(), 44100, 4);
        reused.Process(Signals.MusicLike(44100, 5, seed: 9));
        reused.Reset();
        Assert.Equal(-1, reused.GenreIndex);
        Assert.Equal(0, reused.Windows);

        reused.Process(signal);
        Assert.Equal(fresh.Windows, reused.Windows);
        Assert.Equal(fresh.Smoothed.ToArray(), reused.Smoothed.ToArray());
        Assert.Equal(fresh.GenreIndex, reused.GenreIndex);
    }
}

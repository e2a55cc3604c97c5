using GenreStream.Streaming.Features;
using GenreStream.Model.Features;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Classification;

public class ShortInputTests
{
    private static readonly Model.Softmax.SoftmaxModel Model = TestModels.Random();

    [Theory]
    [InlineData(2.0)]
    [InlineData(1.05)]
    public void An_input_shorter_than_a_texture_window_still_gets_one_result(double seconds)
    {
        var signal = Signals.MusicLike(22050, seconds, seed: 1);
        var result = ClipClassifier.Classify(BlockStreams.Whole(signal, AudioFormat.Mono(22050)), Model, TrackingOptions.Default, timeline: true);
        Assert.Equal(1, result.Windows);
        Assert.Single(result.Timeline);
        Assert.Equal(1.0, result.Probabilities.Sum(p => (double)p), 1e-5);
    }

    [Theory]
    [InlineData(0.5, "0.50")]
    [InlineData(0.02, "0.02")]
    public void Less_than_a_second_is_refused_as_too_short_not_guessed_at(double seconds, string shown)
    {
        var signal = Signals.MusicLike(22050, seconds, seed: 1);
        var e = Assert.Throws<AudioFormatException>(() =>
            ClipClassifier.Classify(BlockStreams.Whole(signal, AudioFormat.Mono(22050)), Model, TrackingOptions.Default, timeline: false));
        Assert.Equal($"too short: {shown} s of audio, at least 1 s is needed", e.Message);
    }

    [Fact]
    public void A_long_input_gets_one_window_per_hop()
    {
        var spec = FeatureSpec.Default;
        var signal = Signals.MusicLike(22050, 30, seed: 1);
        var result = ClipClassifier.Classify(BlockStreams.Whole(signal, AudioFormat.Mono(22050)), Model, TrackingOptions.Default, timeline: true);
        var frames = 1 + ((signal.Length - spec.FrameSize) / spec.HopSize);
        var expected = 1 + ((frames - spec.TextureFrames) / spec.TextureHopFrames);
        Assert.Equal(expected, result.Windows);
        Assert.Equal(expected, result.Timeline.Count);
        var starts = result.Timeline.Select(t => t.StartSeconds).ToArray();
        Assert.Equal(0, starts[0]);
        Assert.Equal(spec.TextureHopFrames * spec.HopSize / 22050.0, starts[1] - starts[0], 1e-9);
    }

    [Fact]
    public void An_empty_input_is_an_error_not_a_result()
    {
        var e = Assert.Throws<AudioFormatException>(() =>
            ClipClassifier.Classify(BlockStreams.Whole([], AudioFormat.Mono(22050)), Model, TrackingOptions.Default, timeline: false));
        Assert.Contains("no audio", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reader_failing_mid_stream_ends_the_stream_with_its_error()
    {
        var reader = new FailingReader(blocksBeforeFailure: 3);
        var e = Assert.Throws<AudioFormatException>(() =>
            ClipClassifier.Classify(SampleReaderObservable.Read(() => reader), Model, TrackingOptions.Default, timeline: false));
        Assert.Equal("boom at block 3", e.Message);
        Assert.True(reader.Disposed);
    }

    private sealed class FailingReader(int blocksBeforeFailure) : ISampleReader
    {
        private int _blocks;

        public bool Disposed { get; private set; }

        public AudioFormat Format => AudioFormat.Mono(22050);

        public int Read(Span<float> buffer)
        {
            if (_blocks == blocksBeforeFailure)
            {
                throw new AudioFormatException($"boom at block {_blocks}");
            }

            _blocks++;
            buffer.Fill(0.1f);
            return buffer.Length;
        }

        public void Dispose() => Disposed = true;
    }
}

public class StageErrorTests
{
    [Fact]
    public void A_stage_that_fails_ends_the_stream_with_OnError_instead_of_throwing_into_its_source()
    {
        var wrongLength = new Features.FeatureFrame(0, 0, new float[3], 0);
        Exception? error = null;
        var completed = false;
        System.Reactive.Linq.Observable.Return(wrongLength)
            .TextureWindows(Model.Features.FeatureSpec.Default)
            .Subscribe(_ => { }, e => error = e, () => completed = true);
        Assert.NotNull(error);
        Assert.False(completed);
    }
}

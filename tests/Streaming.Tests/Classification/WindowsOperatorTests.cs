using System.Reactive.Linq;
using System.Reactive.Subjects;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Features;
using GenreStream.Streaming.Framing;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Classification;

public class WindowsOperatorTests
{
    private sealed record Window(long Index, double Start, double Duration, float[] Probabilities, float[] Log, float Level, float Novelty, bool Unknown)
    {
        public static Window Of(GenrePrediction p) =>
            new(p.Index, p.StartSeconds, p.DurationSeconds, p.Probabilities.ToArray(), p.LogProbabilities.ToArray(), p.LevelDecibels, p.Novelty, p.IsUnknown);
    }

    [Theory]
    [InlineData(7.5, 1)]
    [InlineData(1.3, 2)] // shorter than one texture window: the partial window at the end
    [InlineData(0.05, 3)] // shorter than one frame: one zero-padded frame
    public void The_core_chain_equals_the_four_stages_one_at_a_time(double seconds, int seed)
    {
        var model = TestModels.Random();
        var spec = model.Spec;
        var signal = Signals.MusicLike(spec.SampleRate, seconds, seed);
        var format = AudioFormat.Mono(spec.SampleRate);

        var staged = BlockStreams.Random(signal, format, seed)
            .Frames(spec.FrameSize, spec.HopSize).Features(spec).TextureWindows(spec).Classify(model)
            .Select(Window.Of).ToList().Wait();
        var chained = BlockStreams.Random(signal, format, seed + 10).Windows(model).Select(Window.Of).ToList().Wait();

        Assert.NotEmpty(staged);
        Assert.Equal(staged.Count, chained.Count);
        for (var i = 0; i < staged.Count; i++)
        {
            Assert.Equal(staged[i] with { Probabilities = [], Log = [] }, chained[i] with { Probabilities = [], Log = [] });
            Assert.Equal(staged[i].Probabilities, chained[i].Probabilities);
            Assert.Equal(staged[i].Log, chained[i].Log);
        }
    }

    [Fact]
    public void A_block_that_is_not_mono_at_the_model_rate_ends_the_stream_with_OnError()
    {
        var model = TestModels.Random();
        var input = new Subject<AudioBlock>();
        Exception? error = null;
        var windows = 0;
        using var subscription = input.Windows(model).Subscribe(_ => windows++, e => error = e);

        input.OnNext(new AudioBlock(new float[4410], AudioFormat.Mono(44100), 0));
        input.OnNext(new AudioBlock(new float[model.Spec.SampleRate * 10], AudioFormat.Mono(model.Spec.SampleRate), 0));

        var argument = Assert.IsType<ArgumentException>(error);
        Assert.Contains("44100 Hz", argument.Message);
        Assert.Equal(0, windows);
    }

    [Fact]
    public void A_subscriber_s_exception_propagates_and_is_not_reported_as_the_stream_s_error()
    {
        var model = TestModels.Random();
        var input = new Subject<AudioBlock>();
        Exception? error = null;
        using var subscription = input.Windows(model).Subscribe(_ => throw new InvalidOperationException("subscriber"), e => error = e);

        var thrown = Assert.Throws<InvalidOperationException>(() =>
            input.OnNext(new AudioBlock(Signals.MusicLike(model.Spec.SampleRate, 8, 1), AudioFormat.Mono(model.Spec.SampleRate), 0)));

        Assert.Equal("subscriber", thrown.Message);
        Assert.Null(error);
    }
}

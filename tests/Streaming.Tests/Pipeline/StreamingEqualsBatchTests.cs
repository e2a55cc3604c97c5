using System.Reactive.Linq;
using GenreStream.Model.Features;
using GenreStream.Streaming;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Features;
using GenreStream.Streaming.Framing;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Pipeline;

public class StreamingEqualsBatchTests
{
    private static List<float[]> Collect(IObservable<TextureWindow> windows) =>
        windows.Select(w => w.Values.ToArray()).ToList().Wait().ToList();

    [Fact]
    public void Frames_from_random_blocks_are_the_frames_cut_directly_from_the_signal()
    {
        const int size = 2048;
        const int hop = 512;
        var signal = Signals.WhiteNoise(22050 * 2, seed: 5);
        var frames = BlockStreams.Random(signal, AudioFormat.Mono(22050), seed: 9, maxFrames: 3000)
            .Frames(size, hop)
            .Select(f => (f.Index, f.StartSeconds, Samples: f.Samples.ToArray()))
            .ToList().Wait();

        Assert.Equal(1 + ((signal.Length - size) / hop), frames.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, frames[i].Index);
            Assert.Equal(i * hop / 22050.0, frames[i].StartSeconds, 1e-12);
            Assert.Equal(signal.AsSpan(i * hop, size).ToArray(), frames[i].Samples);
        }
    }

    [Theory]
    [InlineData(22050, 1, 1)]
    [InlineData(44100, 2, 2)]
    [InlineData(48000, 1, 3)]
    [InlineData(8000, 1, 4)]
    public void Feature_vectors_from_random_blocks_equal_the_whole_signal_path(int rate, int channels, int seed)
    {
        var mono = Signals.MusicLike(rate, 8, seed);
        var interleaved = channels == 1 ? mono : BlockStreams.Interleave(mono, mono.Select(v => v * 0.5f).ToArray());
        var format = new AudioFormat(rate, channels);
        var spec = FeatureSpec.Default;

        var batch = Collect(BlockStreams.Whole(interleaved, format).FeatureVectors(spec));
        var streamed = Collect(BlockStreams.Random(interleaved, format, seed).FeatureVectors(spec));

        Assert.True(batch.Count >= 4, $"only {batch.Count} windows");
        Assert.Equal(batch.Count, streamed.Count);
        for (var w = 0; w < batch.Count; w++)
        {
            for (var i = 0; i < spec.VectorLength; i++)
            {
                Assert.True(Math.Abs(batch[w][i] - streamed[w][i]) <= 1e-5 * Math.Max(1, Math.Abs(batch[w][i])), $"window {w} feature {i}: {batch[w][i]} vs {streamed[w][i]}");
            }
        }
    }

    public static TheoryData<string, double> ReferenceCases => new()
    {
        { "default", 7 },
        { "default", 2 },
        { "statistics", 5 },
        { "correlations", 4 },
    };

    [SkippableTheory]
    [MemberData(nameof(ReferenceCases))]
    public void Texture_vectors_match_the_numpy_reference(string specName, double seconds)
    {
        Requires.Numpy();
        var spec = specName switch
        {
            "default" => FeatureSpec.Default,
            "correlations" => FeatureSpec.Default with { MfccCorrelations = 13 },
            _ => FeatureSpec.Statistics,
        };
        var signal = Signals.MusicLike(spec.SampleRate, seconds, seed: 21);
        var (_, reference) = PythonReference.Features(spec, signal);
        var ours = Collect(BlockStreams.Random(signal, AudioFormat.Mono(spec.SampleRate), seed: 2).FeatureVectors(spec));
        var names = spec.VectorFeatureNames();

        Assert.Equal(reference.Length, ours.Count);
        for (var w = 0; w < ours.Count; w++)
        {
            for (var i = 0; i < spec.VectorLength; i++)
            {
                var expected = reference[w][i];
                Assert.True(
                    Math.Abs(ours[w][i] - expected) <= 0.02 + (5e-4 * Math.Abs(expected)),
                    $"window {w}, {names[i]}: ours {ours[w][i]}, numpy {expected}");
            }
        }
    }
}

using System.Reactive.Linq;
using GenreStream.Streaming.Audio;

namespace GenreStream.TestSupport;

/// <summary>Test audio streams: a signal pushed in blocks of chosen or random sizes through one reused buffer, as real sources lend theirs.</summary>
public static class BlockStreams
{
    /// <summary>Pushes <paramref name="interleaved"/> in blocks of random length (1..<paramref name="maxFrames"/> sample frames) from <paramref name="seed"/>.</summary>
    public static IObservable<AudioBlock> Random(float[] interleaved, AudioFormat format, int seed, int maxFrames = 5000) =>
        Observable.Create<AudioBlock>(observer =>
        {
            var random = new Random(seed);
            var buffer = new float[maxFrames * format.Channels];
            var frames = interleaved.Length / format.Channels;
            var at = 0;
            while (at < frames)
            {
                var take = Math.Min(random.Next(1, maxFrames + 1), frames - at);
                interleaved.AsSpan(at * format.Channels, take * format.Channels).CopyTo(buffer);
                observer.OnNext(new AudioBlock(buffer.AsMemory(0, take * format.Channels), format, at));
                buffer.AsSpan().Fill(float.NaN); // a subscriber that kept the lent buffer would now see garbage
                at += take;
            }

            observer.OnCompleted();
            return System.Reactive.Disposables.Disposable.Empty;
        });

    /// <summary>Pushes the whole signal as one block.</summary>
    public static IObservable<AudioBlock> Whole(float[] interleaved, AudioFormat format) =>
        Observable.Return(new AudioBlock(interleaved, format, 0));

    /// <summary>Interleaves equal-length channels.</summary>
    public static float[] Interleave(params float[][] channels)
    {
        var frames = channels[0].Length;
        var x = new float[frames * channels.Length];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                x[(i * channels.Length) + c] = channels[c][i];
            }
        }

        return x;
    }
}

using System.Reactive.Linq;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Framing;

/// <summary>The <c>Frames</c> stage: mono blocks in, overlapping analysis frames out.</summary>
public static class FramesOperator
{
    /// <summary>
    /// Cuts mono blocks into frames of <paramref name="frameSize"/> samples every
    /// <paramref name="hopSize"/> samples (see <see cref="Framer"/>). Each subscription has its own framer.
    /// </summary>
    /// <exception cref="ArgumentException">Emitted as <c>OnError</c> when a block is not mono.</exception>
    public static IObservable<AudioFrame> Frames(this IObservable<AudioBlock> source, int frameSize, int hopSize) =>
        Observable.Create<AudioFrame>(observer =>
        {
            var framer = new Framer(frameSize, hopSize);
            var sampleRate = 0;
            var emit = new FrameCallback<IObserver<AudioFrame>>((o, index, frame) =>
                o.OnNext(new AudioFrame(index, (double)index * hopSize / sampleRate, frame)));
            return source.Subscribe(
                block =>
                {
                    if (block.Format.Channels != 1)
                    {
                        observer.OnError(new ArgumentException($"Frames expects mono audio, got {block.Format.Channels} channels"));
                        return;
                    }

                    sampleRate = block.Format.SampleRate;
                    framer.Push(block.Samples.Span, observer, emit);
                },
                observer.OnError,
                () =>
                {
                    framer.Flush(observer, emit);
                    observer.OnCompleted();
                });
        });
}

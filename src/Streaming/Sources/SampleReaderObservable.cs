using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>Turns a pull <see cref="ISampleReader"/> into a push stream of <see cref="AudioBlock"/>s.</summary>
public static class SampleReaderObservable
{
    /// <summary>Default block length in sample frames.</summary>
    public const int DefaultBlockFrames = 4096;

    /// <summary>
    /// Opens a reader on subscription and pushes its samples in blocks of up to
    /// <paramref name="blockFrames"/> sample frames, then completes. Opening or reading errors
    /// (<see cref="AudioFormatException"/> and others) end the stream with <c>OnError</c>. The reader
    /// is disposed when the stream ends or the subscription is disposed.
    /// </summary>
    /// <param name="open">Opens the reader; called once per subscription.</param>
    /// <param name="blockFrames">Sample frames per block.</param>
    /// <param name="scheduler">
    /// Where the read loop runs: <see cref="ImmediateScheduler"/> (the default) reads the whole input
    /// during <c>Subscribe</c>, as batch classification wants; a long-running scheduler suits live input.
    /// </param>
    /// <remarks>Each block's buffer is reused for the next one (see <see cref="AudioBlock"/>).</remarks>
    public static IObservable<AudioBlock> Read(Func<ISampleReader> open, int blockFrames = DefaultBlockFrames, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockFrames, 1);
        scheduler ??= ImmediateScheduler.Instance;
        return Observable.Create<AudioBlock>(observer =>
        {
            var cancel = new BooleanDisposable();
            var work = scheduler.Schedule(() => Pump(open, blockFrames, observer, cancel));
            return new CompositeDisposable(cancel, work);
        });
    }

    private static void Pump(Func<ISampleReader> open, int blockFrames, IObserver<AudioBlock> observer, BooleanDisposable cancel)
    {
        ISampleReader? reader = null;
        try
        {
            reader = open();
            var format = reader.Format;
            var buffer = new float[blockFrames * format.Channels];
            long frame = 0;
            while (!cancel.IsDisposed)
            {
                var count = reader.Read(buffer);
                if (count <= 0)
                {
                    break;
                }

                observer.OnNext(new AudioBlock(buffer.AsMemory(0, count), format, frame));
                frame += count / format.Channels;
            }
        }
        catch (Exception e)
        {
            reader?.Dispose();
            observer.OnError(e);
            return;
        }

        reader.Dispose();
        observer.OnCompleted();
    }
}

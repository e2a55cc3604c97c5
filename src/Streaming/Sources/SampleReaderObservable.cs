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
    /// is disposed when the stream ends, or when the read loop sees the subscription disposed (after the
    /// read in progress returns). Disposing stops the loop only when it runs on another scheduler than
    /// the immediate one, which reads everything during <c>Subscribe</c>.
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
        // Only the reader's own failures become OnError here: an exception thrown by a subscriber's
        // OnNext belongs to the subscriber and propagates (the Rx contract), after the reader is closed.
        var reader = ReaderOpening.OpenOrFail(open, observer);
        if (reader is null)
        {
            return;
        }

        using (reader)
        {
            var format = reader.Format;
            var buffer = new float[blockFrames * format.Channels];
            long frame = 0;
            while (!cancel.IsDisposed)
            {
                int count;
                try
                {
                    count = reader.Read(buffer);
                }
                catch (Exception e)
                {
                    observer.OnError(e);
                    return;
                }

                if (count <= 0)
                {
                    break;
                }

                observer.OnNext(new AudioBlock(buffer.AsMemory(0, count), format, frame));
                frame += count / format.Channels;
            }
        }

        if (!cancel.IsDisposed)
        {
            observer.OnCompleted();
        }
    }
}

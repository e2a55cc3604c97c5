using System.Reactive.Linq;
using GenreStream.Model.Softmax;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Realtime;

namespace GenreStream.Streaming.Classification;

/// <summary>
/// The <c>Windows</c> stage: mono blocks at the model's rate in, one prediction per texture window out, through
/// the one core chain (<see cref="WindowChain{TProbe}"/>: frames → features → texture window → scorer) that the
/// real-time block API and the bench's stage profile run too. It equals <c>Frames → Features → TextureWindows → Classify</c>
/// (tested) with one hop instead of four per frame.
/// </summary>
public static class WindowsOperator
{
    /// <summary>
    /// Scores the texture windows of <paramref name="model"/>'s (streaming) features over <paramref name="mono"/>.
    /// Each subscription owns one chain; no window allocates. The prediction's buffers are lent for the <c>OnNext</c> call.
    /// </summary>
    /// <exception cref="ArgumentException">Emitted as <c>OnError</c> when a block is not mono at the model's rate.</exception>
    public static IObservable<GenrePrediction> Windows(this IObservable<AudioBlock> mono, SoftmaxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Observable.Create<GenrePrediction>(observer =>
        {
            // An exception thrown by a subscriber inside OnNext is theirs: it propagates, it is not this stream's OnError.
            var subscriberThrew = false;
            var chain = new WindowChain<NoProbe>(model, (in GenrePrediction prediction) =>
            {
                try
                {
                    observer.OnNext(prediction);
                }
                catch
                {
                    subscriberThrew = true;
                    throw;
                }
            });
            var rate = model.Spec.SampleRate;
            var failed = false;
            return mono.Subscribe(
                block =>
                {
                    if (failed)
                    {
                        return;
                    }

                    if (block.Format.Channels != 1 || block.Format.SampleRate != rate)
                    {
                        failed = true;
                        observer.OnError(new ArgumentException($"Windows expects mono audio at {rate} Hz, got {block.Format.Channels} channels at {block.Format.SampleRate} Hz"));
                        return;
                    }

                    try
                    {
                        chain.Push(block.Samples.Span);
                    }
                    catch (Exception e) when (!subscriberThrew)
                    {
                        failed = true;
                        observer.OnError(e);
                    }
                },
                observer.OnError,
                () =>
                {
                    if (failed)
                    {
                        return;
                    }

                    try
                    {
                        chain.Flush();
                    }
                    catch (Exception e) when (!subscriberThrew)
                    {
                        observer.OnError(e);
                        return;
                    }

                    observer.OnCompleted();
                });
        });
    }
}

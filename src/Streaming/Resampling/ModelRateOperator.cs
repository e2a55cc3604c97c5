using System.Reactive.Linq;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Resampling;

/// <summary>The stage that brings any input to mono at the model's sample rate.</summary>
public static class ModelRateOperator
{
    /// <summary>
    /// Mixes blocks to mono (<see cref="ChannelMixer"/>) and resamples them to
    /// <paramref name="sampleRate"/> (<see cref="Resampler"/>, band-limited). Blocks already mono at
    /// that rate pass through untouched. A change of format mid-stream is an error.
    /// </summary>
    public static IObservable<AudioBlock> ToMono(this IObservable<AudioBlock> source, int sampleRate) =>
        Observable.Create<AudioBlock>(observer =>
        {
            AudioFormat? inputFormat = null;
            Resampler? resampler = null;
            float[] mono = [];
            float[] resampled = [];
            long produced = 0;
            var outputFormat = AudioFormat.Mono(sampleRate);

            return source.Subscribe(
                block =>
                {
                    if (inputFormat is not null && inputFormat != block.Format)
                    {
                        observer.OnError(new InvalidOperationException($"audio format changed mid-stream from {inputFormat} to {block.Format}"));
                        return;
                    }

                    if (block.Format.Channels == 1 && block.Format.SampleRate == sampleRate)
                    {
                        inputFormat = block.Format;
                        observer.OnNext(new AudioBlock(block.Samples, outputFormat, produced));
                        produced += block.Samples.Length;
                        return;
                    }

                    float[] buffer;
                    int count;
                    try
                    {
                        if (inputFormat is null)
                        {
                            inputFormat = block.Format;
                            resampler = block.Format.SampleRate != sampleRate ? new Resampler(block.Format.SampleRate, sampleRate) : null;
                        }

                        (buffer, count) = Convert(block);
                    }
                    catch (Exception e)
                    {
                        observer.OnError(e);
                        return;
                    }

                    Emit(buffer, count);
                },
                observer.OnError,
                () =>
                {
                    if (resampler is not null)
                    {
                        var needed = resampler.MaxFlushCount;
                        if (resampled.Length < needed)
                        {
                            resampled = new float[needed];
                        }

                        Emit(resampled, resampler.Flush(resampled));
                    }

                    observer.OnCompleted();
                });

            (float[] Buffer, int Count) Convert(AudioBlock block)
            {
                ReadOnlySpan<float> monoSpan = block.Samples.Span;
                if (block.Format.Channels != 1)
                {
                    var frames = block.FrameCount;
                    if (mono.Length < frames)
                    {
                        mono = new float[frames];
                    }

                    ChannelMixer.ToMono(block.Samples.Span, block.Format.Channels, mono.AsSpan(0, frames));
                    monoSpan = mono.AsSpan(0, frames);
                    if (resampler is null)
                    {
                        return (mono, frames);
                    }
                }

                var needed = resampler!.MaxOutputCount(monoSpan.Length);
                if (resampled.Length < needed)
                {
                    resampled = new float[needed];
                }

                return (resampled, resampler.Process(monoSpan, resampled));
            }

            void Emit(float[] buffer, int count)
            {
                if (count > 0)
                {
                    observer.OnNext(new AudioBlock(buffer.AsMemory(0, count), outputFormat, produced));
                    produced += count;
                }
            }
        });
}

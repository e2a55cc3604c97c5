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
                    if (inputFormat is null)
                    {
                        inputFormat = block.Format;
                        if (block.Format.SampleRate != sampleRate)
                        {
                            resampler = new Resampler(block.Format.SampleRate, sampleRate);
                        }
                    }
                    else if (inputFormat != block.Format)
                    {
                        observer.OnError(new InvalidOperationException($"audio format changed mid-stream from {inputFormat} to {block.Format}"));
                        return;
                    }

                    ReadOnlySpan<float> monoSpan;
                    if (block.Format.Channels == 1)
                    {
                        monoSpan = block.Samples.Span;
                        if (resampler is null)
                        {
                            observer.OnNext(new AudioBlock(block.Samples, outputFormat, produced));
                            produced += block.Samples.Length;
                            return;
                        }
                    }
                    else
                    {
                        var frames = block.FrameCount;
                        if (mono.Length < frames)
                        {
                            mono = new float[frames];
                        }

                        ChannelMixer.ToMono(block.Samples.Span, block.Format.Channels, mono.AsSpan(0, frames));
                        monoSpan = mono.AsSpan(0, frames);
                    }

                    var count = monoSpan.Length;
                    if (resampler is not null)
                    {
                        var needed = resampler.MaxOutputCount(monoSpan.Length);
                        if (resampled.Length < needed)
                        {
                            resampled = new float[needed];
                        }

                        count = resampler.Process(monoSpan, resampled);
                        Emit(resampled, count);
                    }
                    else
                    {
                        Emit(mono, count);
                    }
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

using BenchmarkDotNet.Attributes;
using GenreStream.Streaming.Resampling;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using NWaves.Signals;

namespace GenreStream.Benchmarks;

/// <summary>
/// One second of 48 kHz mono audio to 22.05 kHz: our streaming Kaiser-sinc <see cref="Resampler"/> against NAudio 3.3's
/// <c>WdlResamplingSampleProvider</c> (streaming, pulled through an <c>ISampleProvider</c>) and NWaves 0.9.6's
/// <c>Resampler.Resample</c> (whole signals only: it allocates its output and filter state per call).
/// </summary>
[MemoryDiagnoser]
public class ResamplingBenchmarks
{
    private const int InputRate = 48000;
    private const int OutputRate = 22050;
    private readonly float[] _second = Host.Bench.BenchSignal.Create(InputRate, 1).AsSpan(0, InputRate).ToArray();
    private readonly Resampler _ours = new(InputRate, OutputRate);
    private readonly float[] _output = new float[OutputRate + 64];
    private readonly WdlResamplingSampleProvider _wdl;
    private readonly NWaves.Operations.Resampler _nwaves = new();
    private readonly DiscreteSignal _signal;

    public ResamplingBenchmarks()
    {
        _wdl = new WdlResamplingSampleProvider(new LoopingProvider(_second), OutputRate);
        _signal = new DiscreteSignal(InputRate, _second);
    }

    [Benchmark(Baseline = true)]
    public int Ours() => _ours.Process(_second, _output);

    [Benchmark]
    public int NAudioWdlResampler()
    {
        var total = 0;
        while (total < OutputRate)
        {
            total += _wdl.Read(_output.AsSpan(total, OutputRate - total));
        }

        return total;
    }

    [Benchmark]
    public int NWavesResampler() => _nwaves.Resample(_signal, OutputRate).Length;

    /// <summary>The same second of audio over and over, so the streaming resamplers never run dry.</summary>
    private sealed class LoopingProvider(float[] samples) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(InputRate, 1);

        public int Read(Span<float> buffer)
        {
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = samples[_position];
                _position = (_position + 1) % samples.Length;
            }

            return buffer.Length;
        }
    }
}

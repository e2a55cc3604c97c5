using BenchmarkDotNet.Attributes;
using GenreStream.Model.Features;
using MathNet.Numerics.IntegralTransforms;
using NAudio.Dsp;

namespace GenreStream.Benchmarks;

/// <summary>
/// One 2048-point real FFT to a power spectrum: ours against MathNet's managed FFT, NWaves 0.9.6's <c>RealFft</c> and
/// NAudio 3.3's <c>FastFourierTransform</c> (complex, in place, on the frame as real parts), per frame.
/// </summary>
[MemoryDiagnoser]
public class FftBenchmarks
{
    private const int Length = 2048;
    private readonly RealFft _fft = new(Length);
    private readonly float[] _frame = Host.Bench.BenchSignal.Create(22050, 1).AsSpan(0, Length).ToArray();
    private readonly float[] _power = new float[(Length / 2) + 1];
    private readonly float[] _re = new float[(Length / 2) + 1];
    private readonly float[] _im = new float[(Length / 2) + 1];
    private readonly float[] _mathNet = new float[Length + 2];
    private readonly NWaves.Transforms.RealFft _nwaves = new(Length);
    private readonly float[] _nwavesPower = new float[(Length / 2) + 1];
    private readonly Complex[] _naudio = new Complex[Length];

    [Benchmark(Baseline = true)]
    public float RealFftPowerSpectrum()
    {
        _fft.PowerSpectrum(_frame, _power, _re, _im);
        return _power[10];
    }

    [Benchmark]
    public float MathNetForwardReal()
    {
        _frame.CopyTo(_mathNet, 0);
        Fourier.ForwardReal(_mathNet, Length, FourierOptions.NoScaling);
        for (var k = 0; k < _power.Length; k++)
        {
            _power[k] = (_mathNet[2 * k] * _mathNet[2 * k]) + (_mathNet[(2 * k) + 1] * _mathNet[(2 * k) + 1]);
        }

        return _power[10];
    }

    [Benchmark]
    public float NWavesRealFft()
    {
        _nwaves.PowerSpectrum(_frame, _nwavesPower, normalize: false);
        return _nwavesPower[10];
    }

    [Benchmark]
    public float NAudioFastFourierTransform()
    {
        for (var i = 0; i < Length; i++)
        {
            _naudio[i] = new Complex { X = _frame[i], Y = 0 };
        }

        FastFourierTransform.FFT(true, 11, _naudio);
        for (var k = 0; k < _power.Length; k++)
        {
            _power[k] = (_naudio[k].X * _naudio[k].X) + (_naudio[k].Y * _naudio[k].Y);
        }

        return _power[10];
    }
}

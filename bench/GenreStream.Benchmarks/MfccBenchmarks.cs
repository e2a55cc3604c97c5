using BenchmarkDotNet.Attributes;
using GenreStream.Model.Features;
using NWaves.FeatureExtractors.Options;
using NWaves.Filters.Fda;
using NWaves.Windows;

namespace GenreStream.Benchmarks;

/// <summary>
/// The shipped MFCC of one frame (periodic Hann, 2048-point FFT, 128 Slaney mel bands, dB, 40 coefficients of the
/// orthonormal DCT-II): ours against NWaves 0.9.6's <c>MfccExtractor</c> configured alike (the configuration
/// <c>NWavesCrossCheckTests</c> shows equal to within 0.05 dB). Both are given the same windowed frame.
/// </summary>
[MemoryDiagnoser]
public class MfccBenchmarks
{
    private static readonly FeatureSpec Spec = FeatureSpec.Default;
    private readonly RealFft _fft = new(Spec.FrameSize);
    private readonly MfccExtractor _ours = new(
        new MelFilterBank(Spec.EffectiveCepstrumMelBands, Spec.FrameSize, Spec.SampleRate, Spec.MelMinHz, Spec.EffectiveMelMaxHz), Spec.MfccCount);
    private readonly NWaves.FeatureExtractors.MfccExtractor _nwaves = new(new MfccOptions
    {
        SamplingRate = Spec.SampleRate,
        FrameSize = Spec.FrameSize,
        HopSize = Spec.HopSize,
        FftSize = Spec.FrameSize,
        FeatureCount = Spec.MfccCount,
        FilterBank = FilterBanks.MelBankSlaney(Spec.EffectiveCepstrumMelBands, Spec.FrameSize, Spec.SampleRate, Spec.MelMinHz, Spec.EffectiveMelMaxHz, normalizeGain: true),
        Window = WindowType.Rectangular,
        SpectrumType = SpectrumType.Power,
        NonLinearity = NonLinearityType.ToDecibel,
        LogFloor = PowerFloor.SingleValue,
        DctType = "2N",
    });

    private readonly float[] _windowed;
    private readonly float[] _power = new float[(Spec.FrameSize / 2) + 1];
    private readonly float[] _re = new float[(Spec.FrameSize / 2) + 1];
    private readonly float[] _im = new float[(Spec.FrameSize / 2) + 1];
    private readonly float[] _mfcc = new float[Spec.MfccCount];

    public MfccBenchmarks()
    {
        var frame = Host.Bench.BenchSignal.Create(Spec.SampleRate, 1).AsSpan(4096, Spec.FrameSize);
        var hann = HannWindow.Create(Spec.FrameSize);
        _windowed = new float[Spec.FrameSize];
        for (var i = 0; i < _windowed.Length; i++)
        {
            _windowed[i] = frame[i] * hann[i];
        }
    }

    [Benchmark(Baseline = true)]
    public float Ours()
    {
        _fft.PowerSpectrum(_windowed, _power, _re, _im);
        _ours.Extract(_power, _mfcc);
        return _mfcc[1];
    }

    [Benchmark]
    public float NWavesMfccExtractor()
    {
        _nwaves.ProcessFrame(_windowed, _mfcc);
        return _mfcc[1];
    }
}

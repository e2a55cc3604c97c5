// src/Model/Features/FrameFeatureExtractor.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using System.Numerics.Tensors;

using GenreStream.Model.Features;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// Computes the per-frame feature vector of a <see cref="FeatureKind.Spectral"/> spec from one frame of
/// <see cref="FeatureSpec.FrameSize"/> samples. Every buffer is allocated in the constructor, so
/// <see cref="Extract"/> never allocates.
/// </summary>
/// <remarks>
/// Layout of the vector (<see cref="FeatureLayout"/>, names in <see cref="FeatureLayout.FrameFeatureNames"/>): MFCC c0..c(K-1) (<see cref="BaselineMfccExtractor"/>); the log-mel
/// bands (dB, when <see cref="FeatureSpec.IncludeLogMel"/>); centroid (Hz), bandwidth (Hz), roll-off
/// (Hz, or ln Hz with <see cref="FeatureSpec.LogFrequencies"/>), flatness, flux (mean positive log-mel rise since the previous frame, dB), zero-crossing rate
/// (crossings per sample; of the band-limited spectrum when <see cref="FeatureSpec.BandLimitHz"/> is set), RMS level (dBFS); 12 chroma values.
/// Stateful (flux looks at the previous frame): one instance per stream, <see cref="Reset"/> between streams.
/// </remarks>
public sealed class BaselineFrameFeatureExtractor
{
    private readonly FeatureSpec _spec;
    private readonly FeatureLayout _layout;
    private readonly BaselineRealFft _fft;
    private readonly float[] _window;
    private readonly BaselineMelFilterBank _mel;
    private readonly BaselineMfccExtractor _mfcc;
    private readonly bool _mfccSharesMel;
    private readonly BaselineSpectralShape _shape;
    private readonly BaselineChromaFilterBank _chroma;
    private readonly float[] _windowed;
    private readonly float[] _re;
    private readonly float[] _im;
    private readonly float[] _power;
    private readonly float[] _magnitude;
    private readonly float[] _scratch;
    private readonly float[] _logMel;
    private readonly float[] _previousLogMel;
    private readonly int _bandBins;
    private readonly float _floorRatio;
    private bool _hasPrevious;

    public BaselineFrameFeatureExtractor(FeatureSpec spec)
    {
        spec.EnsureValid();
        if (spec.Kind != FeatureKind.Spectral)
        {
            throw new ArgumentException($"{nameof(BaselineFrameFeatureExtractor)} computes spectral features, not {spec.Kind}", nameof(spec));
        }

        _spec = spec;
        _layout = spec.Layout;
        var n = spec.FrameSize;
        _fft = new BaselineRealFft(n);
        _window = HannWindow.Create(n);
        _mel = new BaselineMelFilterBank(spec.MelBands, n, spec.SampleRate, spec.MelMinHz, spec.EffectiveMelMaxHz);
        var cepstrumBands = spec.EffectiveCepstrumMelBands;
        _mfccSharesMel = cepstrumBands == spec.MelBands;
        var cepstrumMel = _mfccSharesMel ? _mel : new BaselineMelFilterBank(cepstrumBands, n, spec.SampleRate, spec.MelMinHz, spec.EffectiveMelMaxHz);
        _mfcc = new BaselineMfccExtractor(cepstrumMel, spec.MfccCount);
        _shape = new BaselineSpectralShape(n, spec.SampleRate);
        _chroma = new BaselineChromaFilterBank(n, spec.SampleRate, spec.ChromaMinHz, spec.ChromaMaxHz);
        _windowed = new float[n];
        _re = new float[_fft.BinCount];
        _im = new float[_fft.BinCount];
        _power = new float[_fft.BinCount];
        _magnitude = new float[_fft.BinCount];
        _scratch = new float[_fft.BinCount];
        _logMel = new float[spec.MelBands];
        _previousLogMel = new float[spec.MelBands];
        _floorRatio = spec.SpectralFloorDecibels > 0 ? (float)Math.Pow(10, -spec.SpectralFloorDecibels / 10) : 0f;
        _bandBins = Math.Min(_fft.BinCount, (int)Math.Floor(spec.EffectiveBandLimitHz * n / spec.SampleRate) + 1);
        FeatureCount = _layout.FrameStride;
    }

    /// <summary>Length of the vector <see cref="Extract"/> writes (<see cref="FeatureSpec.FrameStride"/>).</summary>
    public int FeatureCount { get; }

    /// <summary>Forgets the previous frame (start of a new stream).</summary>
    public void Reset() => _hasPrevious = false;

    /// <summary>
    /// Writes the features of <paramref name="frame"/> (exactly <see cref="FeatureSpec.FrameSize"/>
    /// samples, not windowed) into <paramref name="features"/> (<see cref="FeatureCount"/> values).
    /// </summary>
    public void Extract(ReadOnlySpan<float> frame, Span<float> features)
    {
        Transform(frame);
        Describe(frame, features);
    }

    /// <summary>
    /// The first half of <see cref="Extract"/>: windows <paramref name="frame"/> and computes its power and
    /// magnitude spectra into this extractor's buffers, for the <see cref="Describe"/> that follows.
    /// Public so benchmarks can time the FFT apart from the features; streams call <see cref="Extract"/>.
    /// </summary>
    public void Transform(ReadOnlySpan<float> frame)
    {
        if (frame.Length != _spec.FrameSize)
        {
            throw new ArgumentException($"expected a frame of {_spec.FrameSize} samples");
        }

        TensorPrimitives.Multiply(frame, _window, _windowed);
        _fft.PowerSpectrum(_windowed, _power, _re, _im);
        if (_floorRatio > 0)
        {
            // A floor relative to the frame's own level: codec holes and resampler residue far below the music read alike.
            var floor = TensorPrimitives.Sum(_power.AsSpan(0, _bandBins)) / _bandBins * _floorRatio;
            TensorPrimitives.Max(_power, floor, _power);
        }

        TensorPrimitives.Sqrt(_power, _magnitude);
    }

    /// <summary>
    /// The second half of <see cref="Extract"/>: writes the features of <paramref name="frame"/> from the
    /// spectra the last <see cref="Transform"/> of the same frame computed.
    /// </summary>
    public void Describe(ReadOnlySpan<float> frame, Span<float> features)
    {
        if (frame.Length != _spec.FrameSize || features.Length < FeatureCount)
        {
            throw new ArgumentException($"expected a frame of {_spec.FrameSize} samples and room for {FeatureCount} features");
        }

        _mfcc.Extract(_power, features.Slice(FeatureLayout.MfccColumn, _spec.MfccCount));
        if (_mfccSharesMel)
        {
            _mfcc.LogMel.CopyTo(_logMel);
        }
        else
        {
            BaselineMfccExtractor.LogMelSpectrum(_mel, _power, _logMel);
        }

        if (_spec.IncludeLogMel)
        {
            _logMel.CopyTo(features.Slice(_layout.LogMelColumn, _spec.MelBands));
        }

        // Shape and flatness see only the bins below the band limit (all of them when there is none).
        var magnitude = _magnitude.AsSpan(0, _bandBins);
        var power = _power.AsSpan(0, _bandBins);
        var centroid = _shape.Centroid(magnitude);
        var shape = features.Slice(_layout.ShapeColumn, BaselineSpectralShape.Names.Count);
        shape[0] = Frequency(centroid);
        shape[1] = Frequency(_shape.Bandwidth(magnitude, centroid, _scratch));
        shape[2] = Frequency(_shape.Rolloff(magnitude, _spec.RolloffFraction));
        shape[3] = BaselineSpectralShape.Flatness(power, _scratch);
        features[_layout.FluxColumn] = Flux();
        var timeDomain = features.Slice(_layout.TimeDomainColumn, TimeDomain.Names.Count);
        timeDomain[0] = _spec.IsBandLimited ? _shape.ExpectedZeroCrossingRate(power, _spec.SampleRate, _scratch) : TimeDomain.ZeroCrossingRate(frame);
        timeDomain[1] = TimeDomain.RmsDecibels(frame);
        _chroma.Apply(_power, features.Slice(_layout.ChromaColumn, BaselineChromaFilterBank.Classes));
        if (_spec.CarriesHiddenLogMel)
        {
            _logMel.CopyTo(features.Slice(_layout.LogMelColumn, _spec.MelBands));
        }

        _logMel.CopyTo(_previousLogMel);
        _hasPrevious = true;
    }

    private float Frequency(float hz) => _spec.LogFrequencies ? MathF.Log(Math.Max(hz, 1f)) : hz;

    private float Flux()
    {
        if (!_hasPrevious)
        {
            return 0f;
        }

        var rise = 0f;
        for (var m = 0; m < _logMel.Length; m++)
        {
            rise += Math.Max(0f, _logMel[m] - _previousLogMel[m]);
        }

        return rise / _logMel.Length;
    }
}

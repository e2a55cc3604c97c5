using System.Text.Json.Serialization;

namespace GenreStream.Model.Features;

/// <summary>
/// The complete, versioned definition of the features a model is trained on. Two pipelines compute the
/// same numbers exactly when their <see cref="Fingerprint"/>s are equal.
/// </summary>
/// <remarks>
/// <see cref="Version"/> names the revision of the feature code itself: it is raised whenever the
/// arithmetic of any feature changes, so a model trained on older features is refused rather than
/// silently fed different numbers. The options are here; their checks are in FeatureSpec.Validation.cs, the
/// fingerprint in FeatureSpec.Fingerprint.cs, and where each feature sits in <see cref="FeatureLayout"/>.
/// </remarks>
public sealed partial record FeatureSpec
{
    /// <summary>The revision of the feature code in this build.</summary>
    public const int CurrentVersion = 2;

    /// <summary>Longest texture window or hop, in seconds.</summary>
    public const double MaxTextureSeconds = 600;

    /// <summary>The feature code revision this spec was written for.</summary>
    public int Version { get; init; } = CurrentVersion;

    public FeatureKind Kind { get; init; } = FeatureKind.Spectral;

    /// <summary>Sample rate the features are computed at (Hz); input is resampled to it.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Analysis frame length in samples (a power of two).</summary>
    public int FrameSize { get; init; } = 2048;

    /// <summary>Step between frame starts in samples.</summary>
    public int HopSize { get; init; } = 512;

    /// <summary>Number of mel bands (Slaney-normalised triangular filters).</summary>
    public int MelBands { get; init; } = 40;

    /// <summary>Lowest mel filter edge in Hz.</summary>
    public double MelMinHz { get; init; }

    /// <summary>Highest mel filter edge in Hz; 0 means the Nyquist frequency.</summary>
    public double MelMaxHz { get; init; }

    /// <summary>
    /// Mel bands of the filter bank the MFCCs are taken from; 0 means <see cref="MelBands"/>. A finer bank
    /// here gives more cepstral detail while flux, rhythm and modulation keep the coarser <see cref="MelBands"/>.
    /// </summary>
    public int CepstrumMelBands { get; init; }

    /// <summary>MFCCs kept (DCT-II of the log-mel spectrum, orthonormal), counting c0.</summary>
    public int MfccCount { get; init; } = 20;

    /// <summary>Whether the log-mel bands themselves are part of the frame vector.</summary>
    public bool IncludeLogMel { get; init; } = true;

    /// <summary>
    /// Highest frequency (Hz) any feature looks at; 0 means the Nyquist frequency. Every spectral feature
    /// (mel bands, shape, flatness, chroma) sees only bins at or below it, and the zero-crossing rate is
    /// the rate a signal of that band-limited spectrum crosses zero at (Rice's formula) rather than a count
    /// on the raw samples. Real input arrives at 44.1/48 kHz and is resampled, or was low-passed by a lossy
    /// codec; what lay near the top of GTZAN's 11 kHz band is cut there, so it must not decide the genre.
    /// </summary>
    public double BandLimitHz { get; init; }

    /// <summary>
    /// Dynamic range of the spectrum in dB; 0 means none. Each bin's power is raised to at least this far below the
    /// frame's mean in-band power, so what a lossy codec removes or a resampler adds far below the music (quiet
    /// bins, spectral holes) does not move the features.
    /// </summary>
    public double SpectralFloorDecibels { get; init; }

    /// <summary>Fraction of spectral magnitude below the roll-off frequency.</summary>
    public double RolloffFraction { get; init; } = 0.85;

    /// <summary>Lowest frequency (Hz) folded into the chroma vector.</summary>
    public double ChromaMinHz { get; init; } = 65;

    /// <summary>Highest frequency (Hz) folded into the chroma vector.</summary>
    public double ChromaMaxHz { get; init; } = 4200;

    /// <summary>Length of a texture window in seconds: frame features are summarised over it.</summary>
    public double TextureSeconds { get; init; } = 3.0;

    /// <summary>Step between texture windows in seconds: one classification per step.</summary>
    public double TextureHopSeconds { get; init; } = 1.5;

    /// <summary>Whether centroid, bandwidth and roll-off are given as ln(max(Hz, 1)) rather than Hz.</summary>
    public bool LogFrequencies { get; init; }

    /// <summary>
    /// Whether every standard deviation in the window vector (of the frame features and of the MFCC
    /// differences) is given as ln(σ + 0.001): deviations are heavily skewed, and the log evens them out
    /// for standardisation and the L2 penalty.
    /// </summary>
    public bool LogDeviations { get; init; }

    /// <summary>Offset inside the logarithm of <see cref="LogDeviations"/>.</summary>
    public const float LogDeviationOffset = 1e-3f;

    /// <summary>Whether each window adds the deviation of the MFCCs' frame-to-frame differences (<see cref="MfccDeltaDeviation"/>).</summary>
    public bool MfccDeltas { get; init; }

    /// <summary>Whether each window adds tempo-band autocorrelations of the onset envelope (<see cref="RhythmDescriptor"/>).</summary>
    public bool Rhythm { get; init; }

    /// <summary>Mel band groups of the window's modulation spectrum (<see cref="ModulationSpectrum"/>); 0 for none.</summary>
    public int ModulationGroups { get; init; }

    /// <summary>MFCCs whose pairwise correlations over each window are added (<see cref="MfccCorrelation"/>); 0 for none.</summary>
    public int MfccCorrelations { get; init; }

    /// <summary>For <see cref="FeatureKind.Fft1000"/>: how many FFT bins of the whole clip are kept.</summary>
    public int FftBins { get; init; } = 1000;

    /// <summary>
    /// The features this project ships with, chosen by grouped cross-validation (docs/experiments.md):
    /// 40 MFCC from a 128-band mel bank, spectral shape (ln Hz), chroma, MFCC delta deviation, rhythm and
    /// an 8-group modulation spectrum of the 40-band log-mel (which is not itself a feature); deviations as logarithms;
    /// nothing above <see cref="DefaultBandLimitHz"/>.
    /// </summary>
    public static FeatureSpec Default { get; } = new()
    {
        BandLimitHz = DefaultBandLimitHz,
        CepstrumMelBands = 128,
        MfccCount = 40,
        IncludeLogMel = false,
        MfccDeltas = true,
        Rhythm = true,
        ModulationGroups = 8,
        LogFrequencies = true,
        LogDeviations = true,
    };

    /// <summary>
    /// The band limit of <see cref="Default"/> (Hz): the top of the pass band of a 44.1/48 kHz → 22.05 kHz resampler
    /// (ours is −6 dB at 10.1 kHz), below what resamplers and codecs cut. Chosen by cross-validation over all
    /// labelled data: 8 and 9 kHz cost 6 and 2 points of balanced accuracy, the full band was no better (docs/experiments.md).
    /// </summary>
    public const double DefaultBandLimitHz = 10000;

    /// <summary>The default features before they were band-limited (the model shipped until the second wave).</summary>
    public static FeatureSpec FullBand { get; } = Default with { BandLimitHz = 0 };

    /// <summary>The same as <see cref="FullBand"/> but with plain (not logarithmic) deviations.</summary>
    public static FeatureSpec Mfcc40 { get; } = FullBand with { LogDeviations = false };

    /// <summary>The features first shipped after cross-validation: statistics plus deltas, rhythm, modulation, ln Hz, 20 MFCC of 40 bands and the 40 log-mel bands.</summary>
    public static FeatureSpec Timbre20 { get; } = new() { MfccDeltas = true, Rhythm = true, ModulationGroups = 8, LogFrequencies = true };

    /// <summary>The first feature set: spectral statistics only (mean and deviation of the frame features).</summary>
    public static FeatureSpec Statistics { get; } = new();

    /// <summary>The seed experiment (Tzanetakis-era baseline): |FFT| of the whole clip, first 1000 bins.</summary>
    public static FeatureSpec Fft1000 { get; } = new() { Kind = FeatureKind.Fft1000 };

    /// <summary>Frames per texture window (at least 1).</summary>
    [JsonIgnore]
    public int TextureFrames => Math.Max(1, (int)Math.Round(TextureSeconds * SampleRate / HopSize));

    /// <summary>Frames between texture window starts (at least 1).</summary>
    [JsonIgnore]
    public int TextureHopFrames => Math.Max(1, (int)Math.Round(TextureHopSeconds * SampleRate / HopSize));

    /// <summary>Upper mel edge in Hz with the "0 means Nyquist" default resolved, never above <see cref="EffectiveBandLimitHz"/>.</summary>
    [JsonIgnore]
    public double EffectiveMelMaxHz => Math.Min(MelMaxHz > 0 ? MelMaxHz : SampleRate / 2.0, EffectiveBandLimitHz);

    /// <summary>The band limit in Hz with the "0 means Nyquist" default resolved.</summary>
    [JsonIgnore]
    public double EffectiveBandLimitHz => BandLimitHz > 0 ? Math.Min(BandLimitHz, SampleRate / 2.0) : SampleRate / 2.0;

    /// <summary>Whether the features are band-limited below the Nyquist frequency.</summary>
    [JsonIgnore]
    public bool IsBandLimited => BandLimitHz > 0 && BandLimitHz < SampleRate / 2.0;

    /// <summary>Bands of the filter bank the MFCCs come from (<see cref="CepstrumMelBands"/>, resolved).</summary>
    [JsonIgnore]
    public int EffectiveCepstrumMelBands => CepstrumMelBands > 0 ? CepstrumMelBands : MelBands;

    /// <summary>
    /// Whether the frame vector carries the log-mel bands after its summarised features, for the
    /// modulation spectrum only (when they are not features themselves).
    /// </summary>
    [JsonIgnore]
    public bool CarriesHiddenLogMel => Kind == FeatureKind.Spectral && ModulationGroups > 0 && !IncludeLogMel;

    /// <summary>Where each feature sits in the frame and model vectors (derived from the feature parts; computed on each call).</summary>
    [JsonIgnore]
    public FeatureLayout Layout => new(this);

    /// <summary>Values per frame vector (<see cref="FeatureLayout.FrameStride"/>).</summary>
    [JsonIgnore]
    public int FrameStride => Layout.FrameStride;

    /// <summary>Index of the first log-mel band in the frame vector (<see cref="FeatureLayout.LogMelColumn"/>).</summary>
    [JsonIgnore]
    public int LogMelColumn => Layout.LogMelColumn;

    /// <summary>Length of the per-frame feature vector (<see cref="FeatureLayout.FrameFeatureCount"/>).</summary>
    [JsonIgnore]
    public int FrameFeatureCount => Layout.FrameFeatureCount;

    /// <summary>Length of the vector a model sees for each classification step (<see cref="FeatureLayout.VectorLength"/>).</summary>
    [JsonIgnore]
    public int VectorLength => Layout.VectorLength;

    /// <summary>Index of the flux value in the frame vector (<see cref="FeatureLayout.FluxColumn"/>).</summary>
    [JsonIgnore]
    public int FluxColumn => Layout.FluxColumn;

    /// <summary>Frames per second of audio (sample rate / hop).</summary>
    [JsonIgnore]
    public double FrameRate => (double)SampleRate / HopSize;

    /// <summary>Names of the per-frame features in vector order (<see cref="FeatureLayout.FrameFeatureNames"/>).</summary>
    public IReadOnlyList<string> FrameFeatureNames() => Layout.FrameFeatureNames();

    /// <summary>Names of the values of the vector a model sees, in order (<see cref="FeatureLayout.VectorFeatureNames"/>).</summary>
    public IReadOnlyList<string> VectorFeatureNames() => Layout.VectorFeatureNames();

    /// <summary>New instances of the window-level descriptors this spec asks for, in vector order (<see cref="FeatureLayout.WindowDescriptors"/>).</summary>
    public IReadOnlyList<IWindowDescriptor> WindowDescriptors() => Layout.WindowDescriptors();
}

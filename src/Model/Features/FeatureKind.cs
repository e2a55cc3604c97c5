namespace GenreStream.Model.Features;

/// <summary>Which family of features a <see cref="FeatureSpec"/> describes.</summary>
public enum FeatureKind
{
    /// <summary>
    /// Per-frame spectral descriptors (MFCC, log-mel, centroid, bandwidth, roll-off, flatness, flux,
    /// zero-crossing rate, RMS, chroma) summarised over texture windows. Streams.
    /// </summary>
    Spectral,

    /// <summary>
    /// The seed experiment's baseline: magnitudes of the first <see cref="FeatureSpec.FftBins"/> bins of
    /// one FFT over the whole clip. Needs the whole clip, so it is a batch-only baseline.
    /// </summary>
    Fft1000,
}

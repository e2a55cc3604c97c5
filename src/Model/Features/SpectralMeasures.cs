namespace GenreStream.Model.Features;

/// <summary>
/// What <see cref="SpectralShape.Measure(ReadOnlySpan{float}, double, int, Span{float})"/> takes from one spectrum in its fused sweep: the values of
/// <see cref="SpectralShape.Centroid"/>, <see cref="SpectralShape.Bandwidth"/>, <see cref="SpectralShape.Rolloff"/> (Hz),
/// <see cref="SpectralShape.Flatness"/> and <see cref="SpectralShape.ExpectedZeroCrossingRate"/> (crossings per sample).
/// </summary>
public readonly record struct SpectralMeasures(float Centroid, float Bandwidth, float Rolloff, float Flatness, float ExpectedZeroCrossingRate);

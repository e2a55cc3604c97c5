using System.Globalization;

namespace GenreStream.Model.Features;

/// <summary>
/// Where each feature sits in the frame vector and in the vector a model sees, derived from the parts
/// that compute them: the MFCCs (<see cref="MfccExtractor"/>), the log-mel bands, the spectral shape
/// (<see cref="SpectralShape.Names"/>), the flux, the time-domain values (<see cref="TimeDomain.Names"/>),
/// the chroma (<see cref="ChromaFilterBank.Classes"/>), then the window descriptors' own lengths and names.
/// </summary>
/// <remarks>
/// The frame vector (<see cref="FrameStride"/> values) is the summarised features (<see cref="FrameFeatureCount"/>)
/// followed by any log-mel bands only the modulation spectrum reads. The model's vector is the mean and the
/// deviation of the summarised features, then each descriptor of <see cref="WindowDescriptors"/> in order.
/// A new feature adds its part here (and its kernel beside it); the fingerprint changes with the spec's fields.
/// </remarks>
public sealed class FeatureLayout
{
    /// <summary>Name of the flux value (mean positive log-mel rise since the previous frame, dB).</summary>
    public const string FluxName = "flux";

    /// <summary>Prefix of the log-mel bands' names (<c>logmel0</c>, …).</summary>
    public const string LogMelPrefix = "logmel";

    /// <summary>Prefix of the chroma values' names (<c>chroma_C</c>, …).</summary>
    public const string ChromaPrefix = "chroma_";

    /// <summary>Index of c0 in the frame vector (the MFCCs come first).</summary>
    public const int MfccColumn = 0;

    private readonly FeatureSpec _spec;

    public FeatureLayout(FeatureSpec spec)
    {
        _spec = spec;
        var at = MfccColumn + spec.MfccCount;
        var includedLogMelColumn = at;
        if (spec.IncludeLogMel)
        {
            at += spec.MelBands;
        }

        ShapeColumn = at;
        at += SpectralShape.Names.Count;
        FluxColumn = at++;
        TimeDomainColumn = at;
        at += TimeDomain.Names.Count;
        ChromaColumn = at;
        at += ChromaFilterBank.Classes;

        FrameFeatureCount = spec.Kind == FeatureKind.Fft1000 ? spec.FftBins : at;
        LogMelColumn = spec.IncludeLogMel ? includedLogMelColumn : FrameFeatureCount;
        FrameStride = FrameFeatureCount + (spec.CarriesHiddenLogMel ? spec.MelBands : 0);
        VectorLength = spec.Kind == FeatureKind.Fft1000
            ? spec.FftBins
            : (2 * FrameFeatureCount)
              + (spec.MfccDeltas ? MfccDeltaDeviation.LengthFor(spec.MfccCount) : 0)
              + (spec.Rhythm ? RhythmDescriptor.ValueCount : 0)
              + ModulationSpectrum.LengthFor(spec.ModulationGroups)
              + MfccCorrelation.LengthFor(spec.MfccCorrelations);
    }

    /// <summary>Index of the first log-mel band in the frame vector: among the features, or after them when only the modulation spectrum reads them.</summary>
    public int LogMelColumn { get; }

    /// <summary>Index of the first spectral shape value (<see cref="SpectralShape.Names"/>).</summary>
    public int ShapeColumn { get; }

    /// <summary>Index of the flux value in the frame vector.</summary>
    public int FluxColumn { get; }

    /// <summary>Index of the first time-domain value (<see cref="TimeDomain.Names"/>).</summary>
    public int TimeDomainColumn { get; }

    /// <summary>Index of the first chroma value (<see cref="ChromaFilterBank.Classes"/> of them).</summary>
    public int ChromaColumn { get; }

    /// <summary>Length of the per-frame feature vector (the part summarised by mean and deviation).</summary>
    public int FrameFeatureCount { get; }

    /// <summary>Values per frame vector: the summarised features, then any hidden log-mel bands.</summary>
    public int FrameStride { get; }

    /// <summary>Length of the vector a model sees for each classification step.</summary>
    public int VectorLength { get; }

    /// <summary>Names of the per-frame features in vector order (for reports and debugging).</summary>
    public IReadOnlyList<string> FrameFeatureNames()
    {
        var names = new List<string>(FrameFeatureCount);
        if (_spec.Kind == FeatureKind.Fft1000)
        {
            for (var i = 0; i < _spec.FftBins; i++)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"fft{i}"));
            }

            return names;
        }

        for (var i = 0; i < _spec.MfccCount; i++)
        {
            names.Add(MfccExtractor.Name(i));
        }

        if (_spec.IncludeLogMel)
        {
            for (var i = 0; i < _spec.MelBands; i++)
            {
                names.Add(string.Create(CultureInfo.InvariantCulture, $"{LogMelPrefix}{i}"));
            }
        }

        names.AddRange(SpectralShape.Names);
        names.Add(FluxName);
        names.AddRange(TimeDomain.Names);
        names.AddRange(ChromaFilterBank.PitchNames.Select(pitch => ChromaPrefix + pitch));
        return names;
    }

    /// <summary>Names of the values of the vector a model sees, in order.</summary>
    public IReadOnlyList<string> VectorFeatureNames()
    {
        var frame = FrameFeatureNames();
        if (_spec.Kind == FeatureKind.Fft1000)
        {
            return frame;
        }

        var names = frame.Select(n => n + "_mean").Concat(frame.Select(n => n + "_std")).ToList();
        foreach (var descriptor in WindowDescriptors())
        {
            names.AddRange(descriptor.Names);
        }

        return names;
    }

    /// <summary>New instances of the window-level descriptors the spec asks for, in vector order.</summary>
    public IReadOnlyList<IWindowDescriptor> WindowDescriptors()
    {
        var descriptors = new List<IWindowDescriptor>();
        if (_spec.Kind != FeatureKind.Spectral)
        {
            return descriptors;
        }

        if (_spec.MfccDeltas)
        {
            descriptors.Add(new MfccDeltaDeviation(_spec.MfccCount, _spec.LogDeviations));
        }

        if (_spec.Rhythm)
        {
            descriptors.Add(new RhythmDescriptor(FluxColumn, _spec.FrameRate, _spec.TextureFrames));
        }

        if (_spec.ModulationGroups > 0)
        {
            descriptors.Add(new ModulationSpectrum(LogMelColumn, _spec.MelBands, _spec.ModulationGroups, _spec.FrameRate, _spec.TextureFrames));
        }

        if (_spec.MfccCorrelations > 0)
        {
            descriptors.Add(new MfccCorrelation(_spec.MfccCorrelations, _spec.TextureFrames));
        }

        return descriptors;
    }
}

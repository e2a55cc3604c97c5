namespace GenreStream.Model.Features;

/// <summary>The checks of a <see cref="FeatureSpec"/>: every problem gathered into one message.</summary>
public sealed partial record FeatureSpec
{
    /// <summary>Every problem with this spec, in one list (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add($"feature kind {(int)Kind} is unknown (known: {string.Join(", ", Enum.GetNames<FeatureKind>())})");
        }

        if (Version != CurrentVersion)
        {
            errors.Add($"feature spec version {Version} is not the version this build computes ({CurrentVersion})");
        }

        if (SampleRate is < 1000 or > 384_000)
        {
            errors.Add($"SampleRate {SampleRate} Hz is outside 1000..384000");
        }

        if (FrameSize < 16 || FrameSize > 65536 || (FrameSize & (FrameSize - 1)) != 0)
        {
            errors.Add($"FrameSize {FrameSize} must be a power of two from 16 to 65536");
        }

        if (HopSize < 1 || HopSize > FrameSize)
        {
            errors.Add($"HopSize {HopSize} must be from 1 to FrameSize ({FrameSize})");
        }

        if (Kind == FeatureKind.Spectral)
        {
            if (MelBands is < 1 or > 512)
            {
                errors.Add($"MelBands {MelBands} must be from 1 to 512");
            }

            if (CepstrumMelBands is < 0 or > 512)
            {
                errors.Add($"CepstrumMelBands {CepstrumMelBands} must be 0 (same as MelBands) or from 1 to 512");
            }

            if (MfccCount < 1 || MfccCount > EffectiveCepstrumMelBands)
            {
                errors.Add($"MfccCount {MfccCount} must be from 1 to the cepstrum's mel bands ({EffectiveCepstrumMelBands})");
            }

            if (MelMinHz < 0 || MelMinHz >= EffectiveMelMaxHz || EffectiveMelMaxHz > SampleRate / 2.0)
            {
                errors.Add($"mel range {MelMinHz}..{EffectiveMelMaxHz} Hz must satisfy 0 <= min < max <= Nyquist ({SampleRate / 2.0})");
            }

            if (BandLimitHz < 0 || (BandLimitHz > 0 && BandLimitHz <= ChromaMaxHz) || double.IsNaN(BandLimitHz))
            {
                errors.Add($"BandLimitHz {BandLimitHz} must be 0 (the Nyquist frequency) or above the chroma range's top ({ChromaMaxHz} Hz)");
            }

            if (SpectralFloorDecibels < 0 || SpectralFloorDecibels > 200 || double.IsNaN(SpectralFloorDecibels))
            {
                errors.Add($"SpectralFloorDecibels {SpectralFloorDecibels} must be 0 (none) or up to 200 dB");
            }

            if (RolloffFraction is <= 0 or >= 1)
            {
                errors.Add($"RolloffFraction {RolloffFraction} must be between 0 and 1 (exclusive)");
            }

            if (ChromaMinHz <= 0 || ChromaMinHz >= ChromaMaxHz)
            {
                errors.Add($"chroma range {ChromaMinHz}..{ChromaMaxHz} Hz must satisfy 0 < min < max");
            }

            if (ModulationGroups < 0 || (ModulationGroups > 0 && MelBands % ModulationGroups != 0))
            {
                errors.Add($"ModulationGroups {ModulationGroups} must be 0, or divide MelBands ({MelBands})");
            }

            if (MfccCorrelations < 0 || MfccCorrelations == 1 || MfccCorrelations > MfccCount)
            {
                errors.Add($"MfccCorrelations {MfccCorrelations} must be 0, or from 2 to MfccCount ({MfccCount})");
            }

            // An upper bound too: the texture ring holds TextureSeconds of frames, so an infinite or absurd
            // length read from a model file would ask for an array larger than memory.
            if (!(TextureSeconds > 0 && TextureSeconds <= MaxTextureSeconds) || !(TextureHopSeconds > 0 && TextureHopSeconds <= MaxTextureSeconds))
            {
                errors.Add($"TextureSeconds ({TextureSeconds}) and TextureHopSeconds ({TextureHopSeconds}) must be positive and at most {MaxTextureSeconds}");
            }
        }
        else if (FftBins < 1)
        {
            errors.Add($"FftBins {FftBins} must be at least 1");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem at once.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid feature spec: " + string.Join("; ", errors));
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Org.BouncyCastle.Crypto.Digests;

namespace GenreStream.Model.Features;

/// <summary>
/// The identity of a <see cref="FeatureSpec"/>: its canonical text (every field that changes the numbers), the
/// fingerprint hashed from it, and a one-line description for people.
/// </summary>
public sealed partial record FeatureSpec
{
    /// <summary>
    /// A short stable hash of every field that changes the numbers: equal fingerprints, equal features.
    /// </summary>
    [JsonIgnore]
    public string Fingerprint => ComputeFingerprint(CanonicalText());

    /// <summary>One line describing the spec for people (shown in mismatch errors).</summary>
    public string Describe() => Kind == FeatureKind.Fft1000
        ? $"fft1000 v{Version} ({FftBins} bins of the whole clip at {SampleRate} Hz)"
        : $"spectral v{Version} ({SampleRate} Hz, frame {FrameSize}, hop {HopSize}, {MelBands} mel, {MfccCount} MFCC{(EffectiveCepstrumMelBands != MelBands ? $" of {EffectiveCepstrumMelBands} mel" : string.Empty)}{(IncludeLogMel ? " + log-mel" : string.Empty)}{(MfccDeltas ? " + delta dev" : string.Empty)}{(Rhythm ? " + rhythm" : string.Empty)}{(ModulationGroups > 0 ? $" + modulation x{ModulationGroups}" : string.Empty)}{(MfccCorrelations > 0 ? $" + MFCC correlations x{MfccCorrelations}" : string.Empty)}{(LogFrequencies ? ", log Hz" : string.Empty)}{(LogDeviations ? ", log deviations" : string.Empty)}{(IsBandLimited ? $", below {EffectiveBandLimitHz.ToString(CultureInfo.InvariantCulture)} Hz" : string.Empty)}{(SpectralFloorDecibels > 0 ? $", {SpectralFloorDecibels.ToString(CultureInfo.InvariantCulture)} dB range" : string.Empty)}, texture {TextureSeconds.ToString(CultureInfo.InvariantCulture)} s / {TextureHopSeconds.ToString(CultureInfo.InvariantCulture)} s)";

    internal string CanonicalText() => string.Create(
        CultureInfo.InvariantCulture,
        $"v={Version};kind={Kind};sr={SampleRate};frame={FrameSize};hop={HopSize};mel={MelBands};cepmel={EffectiveCepstrumMelBands};melmin={MelMinHz:R};melmax={EffectiveMelMaxHz:R};mfcc={MfccCount};logmel={IncludeLogMel};rolloff={RolloffFraction:R};chroma={ChromaMinHz:R}-{ChromaMaxHz:R};texture={TextureSeconds:R}/{TextureHopSeconds:R};bins={FftBins};logf={LogFrequencies};dmfcc={MfccDeltas};rhythm={Rhythm};mod={ModulationGroups};corr={MfccCorrelations};logstd={LogDeviations}{(IsBandLimited ? $";band={EffectiveBandLimitHz:R}" : string.Empty)}{(SpectralFloorDecibels > 0 ? $";floor={SpectralFloorDecibels:R}" : string.Empty)}");

    private static string ComputeFingerprint(string text)
    {
        // BouncyCastle's managed SHA-256 rather than System.Security.Cryptography's: the same digest, without
        // loading OpenSSL into every process that opens a model (about 6 MB resident for a live `listen`, of which
        // BouncyCastle's own pages take back about 1.6 MB).
        var digest = new Sha256Digest();
        var bytes = Encoding.UTF8.GetBytes(text);
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}

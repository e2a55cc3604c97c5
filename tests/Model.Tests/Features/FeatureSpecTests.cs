using GenreStream.Model.Features;

namespace GenreStream.Model.Tests.Features;

public class FeatureSpecTests
{
    [Fact]
    public void Equal_specs_share_a_fingerprint_and_any_change_alters_it()
    {
        var a = FeatureSpec.Default;
        Assert.Equal(a.Fingerprint, (a with { }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, (a with { HopSize = 256 }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, (a with { MelBands = 64 }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, (a with { TextureSeconds = 5 }).Fingerprint);
        Assert.NotEqual(a.Fingerprint, FeatureSpec.Fft1000.Fingerprint);
        Assert.Matches("^[0-9a-f]{16}$", a.Fingerprint);
    }

    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_canonical_text_so_stored_fingerprints_still_verify()
    {
        // Computed without OpenSSL (BouncyCastle's managed SHA-256); it must stay the digest models were stored with.
        foreach (var spec in new[] { FeatureSpec.Default, FeatureSpec.Fft1000, FeatureSpec.Default with { MfccCount = 13, Rhythm = false } })
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(spec.CanonicalText())).AsSpan(0, 8));
            Assert.Equal(expected, spec.Fingerprint);
        }
    }

    [Fact]
    public void Validation_lists_every_problem_at_once()
    {
        var bad = FeatureSpec.Default with { FrameSize = 1000, HopSize = 0, MelBands = 0, RolloffFraction = 2, TextureSeconds = -1 };
        var errors = bad.Validate();
        Assert.Contains(errors, e => e.Contains("FrameSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("HopSize", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MelBands", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RolloffFraction", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("TextureSeconds", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(bad.EnsureValid);
        Assert.Contains("FrameSize", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("MelBands", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_match_the_vector_layout()
    {
        var spec = FeatureSpec.Statistics;
        Assert.Equal(spec.FrameFeatureCount, spec.FrameFeatureNames().Count);
        Assert.Equal(2 * spec.FrameFeatureCount, spec.VectorLength);
        Assert.Equal(FeatureSpec.Default.VectorLength, FeatureSpec.Default.VectorFeatureNames().Count);
        Assert.Equal(FeatureSpec.Fft1000.FftBins, FeatureSpec.Fft1000.VectorLength);
    }

    [Fact]
    public void A_spec_file_names_only_what_it_changes_and_unknown_fields_are_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"hopSize": 256, "rhythm": true}""");
            var spec = FeatureSpecFile.Load(path);
            Assert.Equal(FeatureSpec.Statistics with { HopSize = 256, Rhythm = true }, spec);

            File.WriteAllText(path, """{"hopsize": 256, "tempo": 3}""");
            var e = Assert.Throws<ArgumentException>(() => FeatureSpecFile.Load(path));
            Assert.Contains("tempo", e.Message, StringComparison.Ordinal);

            File.WriteAllText(path, """{"frameSize": 1000}""");
            Assert.Contains("FrameSize", Assert.Throws<ArgumentException>(() => FeatureSpecFile.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

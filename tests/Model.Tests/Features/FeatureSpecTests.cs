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
        var spec = FeatureSpec.Default;
        Assert.Equal(spec.FrameFeatureCount, spec.FrameFeatureNames().Count);
        Assert.Equal(2 * spec.FrameFeatureCount, spec.VectorLength);
        Assert.Equal(FeatureSpec.Fft1000.FftBins, FeatureSpec.Fft1000.VectorLength);
    }
}

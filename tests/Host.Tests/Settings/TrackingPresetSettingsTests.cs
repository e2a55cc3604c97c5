using GenreStream.Host.Settings;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Settings;

/// <summary><c>Tracking:Preset</c>: the live feel chosen in settings, as <c>--preset</c> chooses it on the command line.</summary>
public sealed class TrackingPresetSettingsTests : SettingsFromJson
{
    [Fact]
    public void A_preset_sets_smoothing_and_hold_over_the_numbers_of_the_shipped_file_and_keeps_the_rest()
    {
        var responsive = From("""{"Smoothing": {"TimeConstantSeconds": 4}, "Tracking": {"Preset": "Responsive", "HoldSeconds": 3, "Margin": 0.2}}""").Tracking;
        Assert.Equal(TimeSpan.FromSeconds(2), responsive.Smoothing.TimeConstant);
        Assert.Equal(TimeSpan.FromSeconds(1.5), responsive.Hold);
        Assert.Equal(0.2, responsive.Margin, 6);

        var steady = From("""{"Smoothing": {"TimeConstantSeconds": 1}, "Tracking": {"Preset": "steady", "HoldSeconds": 0.5}}""").Tracking;
        Assert.Equal(TimeSpan.FromSeconds(4), steady.Smoothing.TimeConstant);
        Assert.Equal(TimeSpan.FromSeconds(3), steady.Hold);

        var none = From("""{"Smoothing": {"TimeConstantSeconds": 1}, "Tracking": {"HoldSeconds": 0.5}}""").Tracking;
        Assert.Equal(TimeSpan.FromSeconds(1), none.Smoothing.TimeConstant);
        Assert.Equal(TimeSpan.FromSeconds(0.5), none.Hold);
    }

    [Fact]
    public void An_unknown_preset_is_named_with_the_valid_ones_beside_the_other_errors()
    {
        var e = Assert.Throws<SettingsException>(() => From("""{"Tracking": {"Preset": "fast", "Margin": 7}}"""));
        Assert.Contains("Tracking:Preset 'fast' must be steady or responsive", e.Message, StringComparison.Ordinal);
        Assert.Contains("Tracking:Margin", e.Message, StringComparison.Ordinal);
    }
}

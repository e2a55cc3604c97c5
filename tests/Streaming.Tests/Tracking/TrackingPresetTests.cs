using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;
using Xunit;

namespace GenreStream.Streaming.Tests.Tracking;

public sealed class TrackingPresetTests
{
    [Fact]
    public void Responsive_halves_smoothing_and_hold_and_keeps_the_rest()
    {
        var options = TrackingOptions.Default with { Margin = 0.2, SilenceThresholdDecibels = -60, Smoothing = SmoothingOptions.Default with { Windows = 7 } };

        var responsive = TrackingPreset.Responsive.Apply(options);

        Assert.Equal(TimeSpan.FromSeconds(2), responsive.Smoothing.TimeConstant);
        Assert.Equal(TimeSpan.FromSeconds(1.5), responsive.Hold);
        Assert.Equal(0.2, responsive.Margin);
        Assert.Equal(-60, responsive.SilenceThresholdDecibels);
        Assert.Equal(7, responsive.Smoothing.Windows);
        Assert.Empty(responsive.Validate());
    }

    [Fact]
    public void Steady_restores_the_default_smoothing_and_hold()
    {
        var steady = TrackingPreset.Steady.Apply(TrackingPreset.Responsive.Apply(TrackingOptions.Default));

        Assert.Equal(TrackingOptions.Default, steady);
    }

    [Theory]
    [InlineData("steady", TrackingPreset.Steady)]
    [InlineData(" Responsive ", TrackingPreset.Responsive)]
    public void Names_parse_back(string name, TrackingPreset expected)
    {
        Assert.Equal(expected, TrackingPresets.Parse(name));
        Assert.Contains(expected.Name(), TrackingPresets.Names);
    }

    [Fact]
    public void An_unknown_name_is_not_a_preset() => Assert.Null(TrackingPresets.Parse("fast"));
}

using System.Reactive.Linq;
using GenreStream.Streaming;
using GenreStream.Streaming.Tracking;
using GenreStream.TestSupport;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace GenreStream.NAudio.Tests;

/// <summary>A tap in an NAudio chain passes the audio on unchanged and gives the Rx pipeline's predictions.</summary>
public class GenreTapSampleProviderTests
{
    [Fact]
    public void The_tap_passes_audio_unchanged_and_classifies_it_as_the_pipeline_does()
    {
        var model = TestModels.Random();
        ISampleProvider Chain() => new MixingSampleProvider(
        [
            new SignalGenerator(44100, 2) { Type = SignalGeneratorType.Sweep, Frequency = 200, FrequencyEnd = 3000, SweepLengthSecs = 3, Gain = 0.3 },
            new SignalGenerator(44100, 2) { Type = SignalGeneratorType.Square, Frequency = 110, Gain = 0.1 },
        ]).Take(TimeSpan.FromSeconds(10));
        var tap = new GenreTapSampleProvider(Chain(), model);
        var tapped = new List<(double Time, float[] Smoothed, int Current)>();
        tap.WindowClassified += p => tapped.Add((p.TimeSeconds, p.Prediction.Smoothed.ToArray(), p.Current));

        var passed = new SampleProviderReader(tap).ReadAll(1234 * 2);
        var direct = new SampleProviderReader(Chain()).ReadAll(4096);
        var expected = Chain().ToAudioBlocks().PredictTracked(model, TrackingOptions.Default)
            .Select(p => (Time: p.TimeSeconds, Smoothed: p.Prediction.Smoothed.ToArray(), p.Current)).ToList().Wait();

        Assert.Equal(direct, passed);
        Assert.Equal(tap.WaveFormat, Chain().WaveFormat);
        Assert.True(expected.Count >= 5, $"{expected.Count} windows");
        Assert.Equal(expected.Count, tapped.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Time, tapped[i].Time, 6);
            Assert.Equal(expected[i].Current, tapped[i].Current);
            for (var k = 0; k < expected[i].Smoothed.Length; k++)
            {
                Assert.Equal(expected[i].Smoothed[k], tapped[i].Smoothed[k], 5);
            }
        }
    }
}

using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

/// <summary>Every frame feature against an independent numpy/scipy implementation of the same definitions.</summary>
public class NumpyReferenceTests
{
    [SkippableTheory]
    [InlineData(2048, 512, 40, 20, true)]
    [InlineData(1024, 256, 64, 13, false)]
    [InlineData(2048, 512, 40, 40, false, 128)]
    [InlineData(2048, 512, 40, 40, false, 128, 8000.0)]
    [InlineData(1024, 256, 40, 20, true, 0, 6000.0)]
    [InlineData(2048, 512, 40, 40, false, 128, 10000.0, 60.0)]
    public void Frame_features_match_numpy(int frameSize, int hop, int mels, int mfcc, bool logMel, int cepstrumMels = 0, double bandLimitHz = 0, double floorDecibels = 0)
    {
        Requires.Numpy();
        var spec = FeatureSpec.Statistics with { FrameSize = frameSize, HopSize = hop, MelBands = mels, MfccCount = mfcc, IncludeLogMel = logMel, CepstrumMelBands = cepstrumMels, BandLimitHz = bandLimitHz, SpectralFloorDecibels = floorDecibels };
        var signal = Signals.MusicLike(spec.SampleRate, 1.5, seed: 11);
        var (reference, _) = PythonReference.Features(spec, signal);

        var extractor = new FrameFeatureExtractor(spec);
        var names = spec.FrameFeatureNames();
        var ours = new float[extractor.FeatureCount];
        Assert.Equal(1 + ((signal.Length - frameSize) / hop), reference.Length);
        for (var t = 0; t < reference.Length; t++)
        {
            extractor.Extract(signal.AsSpan(t * hop, frameSize), ours);
            for (var i = 0; i < reference[t].Length; i++)
            {
                var expected = reference[t][i];
                var tolerance = 0.02 + (2e-4 * Math.Abs(expected));
                Assert.True(
                    Math.Abs(ours[i] - expected) <= tolerance,
                    $"frame {t}, {names[i]}: ours {ours[i]}, numpy {expected}");
            }
        }
    }
}

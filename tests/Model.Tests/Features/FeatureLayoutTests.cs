using System.Numerics.Tensors;
using GenreStream.Model.Features;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Features;

public class FeatureLayoutTests
{
    private static readonly FeatureSpec[] Specs =
    [
        FeatureSpec.Default, FeatureSpec.FullBand, FeatureSpec.Mfcc40, FeatureSpec.Timbre20, FeatureSpec.Statistics,
        FeatureSpec.Default with { MfccCorrelations = 6, IncludeLogMel = true }, FeatureSpec.Timbre20 with { Rhythm = false, ModulationGroups = 4 },
    ];

    [Fact]
    public void The_frame_names_are_the_ones_models_were_trained_with()
    {
        // Written out as they were before the layout was derived from the feature parts.
        var expected = Enumerable.Range(0, 20).Select(i => $"mfcc{i}")
            .Concat(Enumerable.Range(0, 40).Select(i => $"logmel{i}"))
            .Concat(["centroid", "bandwidth", "rolloff", "flatness", "flux", "zcr", "rms_db"])
            .Concat(new[] { "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B" }.Select(p => "chroma_" + p));

        Assert.Equal(expected, FeatureSpec.Timbre20.FrameFeatureNames());
        Assert.Equal(
            ["rhythm_40_55", "rhythm_55_75", "rhythm_75_100", "rhythm_100_135", "rhythm_135_180", "rhythm_180_240", "rhythm_max"],
            FeatureSpec.Timbre20.VectorFeatureNames().Where(n => n.StartsWith("rhythm_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Columns_point_at_their_names_and_lengths_add_up_to_the_descriptors()
    {
        foreach (var spec in Specs)
        {
            var layout = spec.Layout;
            var names = layout.FrameFeatureNames().ToList();
            Assert.Equal(layout.FrameFeatureCount, names.Count);
            Assert.Equal("mfcc0", names[FeatureLayout.MfccColumn]);
            Assert.Equal("centroid", names[layout.ShapeColumn]);
            Assert.Equal("flux", names[layout.FluxColumn]);
            Assert.Equal("zcr", names[layout.TimeDomainColumn]);
            Assert.Equal("chroma_C", names[layout.ChromaColumn]);
            Assert.Equal(spec.IncludeLogMel ? names.IndexOf("logmel0") : layout.FrameFeatureCount, layout.LogMelColumn);
            Assert.Equal(layout.FrameFeatureCount + (spec.CarriesHiddenLogMel ? spec.MelBands : 0), layout.FrameStride);
            Assert.Equal((2 * layout.FrameFeatureCount) + layout.WindowDescriptors().Sum(d => d.Length), layout.VectorLength);
            Assert.Equal(layout.VectorLength, layout.VectorFeatureNames().Count);
            Assert.All(layout.WindowDescriptors(), d => Assert.Equal(d.Length, d.Names.Count));
        }
    }

    [Fact]
    public void The_frame_extractor_writes_the_mfccs_of_the_mfcc_extractor()
    {
        foreach (var spec in new[] { FeatureSpec.Default, FeatureSpec.Timbre20 })
        {
            var frame = Signals.WhiteNoise(spec.FrameSize, seed: 3, amplitude: 0.3);
            var extractor = new FrameFeatureExtractor(spec);
            var features = new float[extractor.FeatureCount];
            extractor.Extract(frame, features);

            var fft = new RealFft(spec.FrameSize);
            var windowed = new float[spec.FrameSize];
            TensorPrimitives.Multiply(frame, HannWindow.Create(spec.FrameSize), windowed);
            var power = new float[fft.BinCount];
            fft.PowerSpectrum(windowed, power, new float[fft.BinCount], new float[fft.BinCount]);
            var bank = new MelFilterBank(spec.EffectiveCepstrumMelBands, spec.FrameSize, spec.SampleRate, spec.MelMinHz, spec.EffectiveMelMaxHz);
            var mfcc = new float[spec.MfccCount];
            new MfccExtractor(bank, spec.MfccCount).Extract(power, mfcc);

            Assert.Equal(mfcc, features.AsSpan(FeatureLayout.MfccColumn, spec.MfccCount).ToArray());
        }
    }

    [Fact]
    public void The_power_floor_in_single_precision_is_the_literal_the_features_were_computed_with()
    {
        Assert.Equal(BitConverter.SingleToInt32Bits(1e-10f), BitConverter.SingleToInt32Bits(PowerFloor.SingleValue));
    }
}

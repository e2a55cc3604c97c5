using GenreStream.Model.Features;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;
using NWaves.FeatureExtractors.Options;
using NWaves.Filters.Fda;
using NWaves.Windows;
using Xunit.Abstractions;
using NWavesMfcc = NWaves.FeatureExtractors.MfccExtractor;

namespace GenreStream.Model.Tests.Features;

/// <summary>
/// Our MFCC (<see cref="MfccExtractor"/> over <see cref="RealFft"/>) against NWaves 0.9.6's <c>MfccExtractor</c>, the
/// .NET library the design names, configured alike: the shipped spec's Slaney mel bank (128 bands, 0 Hz to the band
/// limit, area-normalised), the periodic Hann window applied by the caller (NWaves' own Hann is the symmetric one),
/// power spectrum, 10·log10 floored at 1e-10, orthonormal DCT-II ("2N"), no pre-emphasis, no liftering.
/// On real GTZAN clips every coefficient of every frame must agree within <see cref="ToleranceDecibels"/>.
/// </summary>
[Trait("Category", "SharedData")]
public class NWavesCrossCheckTests(ITestOutputHelper output)
{
    /// <summary>
    /// Largest difference allowed in any coefficient (dB). Measured on these four clips: 0.0001–0.0032 dB at most over
    /// 1289 frames x 40 MFCC each (the largest in classical's quiet frames, where the floor is near).
    /// </summary>
    private const double ToleranceDecibels = 0.05;

    [SkippableTheory]
    [InlineData("blues/blues.00000.flac")]
    [InlineData("classical/classical.00000.flac")]
    [InlineData("metal/metal.00000.flac")]
    [InlineData("hiphop/hiphop.00002.flac")]
    public void Our_mfcc_equals_nwaves_configured_alike_on_a_real_clip(string clip)
    {
        var root = Requires.SharedData();
        Requires.Available(Ffmpeg.IsAvailable ? null : "ffmpeg is not on PATH; install it (apt-get install ffmpeg)");
        var spec = FeatureSpec.Default;
        var n = spec.FrameSize;
        var bands = spec.EffectiveCepstrumMelBands;
        float[] signal;
        using (var reader = AudioFileReader.Open(Path.Combine(root, "gtzan", clip)))
        {
            Assert.Equal(spec.SampleRate, reader.Format.SampleRate);
            signal = reader.ReadAll(8192);
        }

        var fft = new RealFft(n);
        var ours = new MfccExtractor(new MelFilterBank(bands, n, spec.SampleRate, spec.MelMinHz, spec.EffectiveMelMaxHz), spec.MfccCount);
        var theirs = new NWavesMfcc(new MfccOptions
        {
            SamplingRate = spec.SampleRate,
            FrameSize = n,
            HopSize = spec.HopSize,
            FftSize = n,
            FeatureCount = spec.MfccCount,
            FilterBank = FilterBanks.MelBankSlaney(bands, n, spec.SampleRate, spec.MelMinHz, spec.EffectiveMelMaxHz, normalizeGain: true),
            Window = WindowType.Rectangular,
            SpectrumType = SpectrumType.Power,
            NonLinearity = NonLinearityType.ToDecibel,
            LogFloor = PowerFloor.SingleValue,
            DctType = "2N",
            PreEmphasis = 0,
            LifterSize = 0,
            IncludeEnergy = false,
        });

        var hann = HannWindow.Create(n);
        var windowed = new float[n];
        float[] power = new float[fft.BinCount], re = new float[fft.BinCount], im = new float[fft.BinCount];
        var ourMfcc = new float[ours.Count];
        var theirMfcc = new float[spec.MfccCount];
        var frames = 1 + ((signal.Length - n) / spec.HopSize);
        Assert.True(frames > 1000, $"{clip}: only {frames} frames");
        var worst = 0.0;
        for (var t = 0; t < frames; t++)
        {
            var frame = signal.AsSpan(t * spec.HopSize, n);
            for (var i = 0; i < n; i++)
            {
                windowed[i] = frame[i] * hann[i];
            }

            fft.PowerSpectrum(windowed, power, re, im);
            ours.Extract(power, ourMfcc);
            theirs.ProcessFrame(windowed, theirMfcc);
            for (var k = 0; k < ourMfcc.Length; k++)
            {
                var difference = Math.Abs(ourMfcc[k] - theirMfcc[k]);
                worst = Math.Max(worst, difference);
                Assert.True(
                    difference <= ToleranceDecibels,
                    $"{clip}, frame {t}, mfcc{k}: ours {ourMfcc[k]}, NWaves {theirMfcc[k]} (tolerance {ToleranceDecibels} dB)");
            }
        }

        // The cepstra are not trivially equal (both all-floor): c0 of music spans tens of dB.
        Assert.True(Math.Abs(ourMfcc[0]) > 1, $"{clip}: c0 of the last frame is {ourMfcc[0]}");
        output.WriteLine($"{clip}: {frames} frames x {ourMfcc.Length} MFCC, largest difference {worst:F4} dB");
    }
}

using GenreStream.Streaming.Resampling;
using GenreStream.TestSupport;
using static GenreStream.Streaming.Tests.Resampling.ToneMeasurement;

namespace GenreStream.Streaming.Tests.Resampling;

public class ResamplerFrequencyResponseTests
{
    private const double Amplitude = 0.5;

    [Theory]
    [InlineData(44100, 22050, 1000.0, true)]
    [InlineData(44100, 22050, 5000.0, true)]
    [InlineData(48000, 22050, 1000.0, true)]
    [InlineData(48000, 22050, 5000.0, true)]
    [InlineData(8000, 22050, 1000.0, true)]
    [InlineData(192000, 22050, 5000.0, true)]
    [InlineData(22050, 44100, 5000.0, true)]
    [InlineData(44101, 22050, 5000.0, true)]
    [InlineData(48000, 22050, 5000.0, false)]
    [InlineData(8000, 22050, 1000.0, false)]
    public void Passband_tone_keeps_frequency_amplitude_and_timing(int inputRate, int outputRate, double frequencyHz, bool precompute)
    {
        var resampler = new Resampler(inputRate, outputRate, precompute);
        var input = Signals.Sine(frequencyHz, inputRate, inputRate, Amplitude);

        var output = ResamplerRun.Whole(resampler, input);

        var (start, end) = SteadyState(resampler, output.Length);
        var amplitude = FitAmplitude(output, start, end, frequencyHz, outputRate);
        Assert.InRange(Decibels(amplitude / Amplitude), -0.1, 0.1);

        var crossings = ZeroCrossings(output.AsSpan(start, end - start));
        var expectedCrossings = 2 * frequencyHz * (end - start) / outputRate;
        Assert.InRange(crossings, expectedCrossings - 2, expectedCrossings + 2);

        // Time-aligned: output n is the tone at time n / outputRate, not delayed by the filter.
        for (var n = start; n < end; n++)
        {
            var expected = Amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / outputRate);
            Assert.True(Math.Abs(output[n] - expected) < 1e-3, $"sample {n}: {output[n]} vs {expected}");
        }
    }

    [Theory]
    [InlineData(44100, 22050, 15000.0, true)]
    [InlineData(48000, 22050, 20000.0, true)]
    [InlineData(192000, 22050, 30000.0, true)]
    [InlineData(44100, 22050, 11600.0, true)]
    [InlineData(44101, 22050, 15000.0, true)]
    [InlineData(48000, 22050, 20000.0, false)]
    public void Tone_above_output_nyquist_is_attenuated_60_dB(int inputRate, int outputRate, double frequencyHz, bool precompute)
    {
        var resampler = new Resampler(inputRate, outputRate, precompute);
        var input = Signals.Sine(frequencyHz, inputRate, inputRate, Amplitude);

        var output = ResamplerRun.Whole(resampler, input);

        var (start, end) = SteadyState(resampler, output.Length);
        var attenuation = Decibels(SignalLevel.Rms(output.AsSpan(start, end - start)) / SignalLevel.Rms(input));
        Assert.True(attenuation <= -60, $"{frequencyHz} Hz at {inputRate}->{outputRate}: {attenuation:F1} dB");
    }

    [Fact]
    public void Large_decimation_ratio_keeps_passband_tone()
    {
        var resampler = new Resampler(1_000_000, 1000);
        var input = Signals.Sine(100, 1_000_000, 1_000_000, Amplitude);

        var output = ResamplerRun.Whole(resampler, input);

        Assert.Equal(1000, output.Length);
        var (start, end) = SteadyState(resampler, output.Length);
        Assert.InRange(Decibels(FitAmplitude(output, start, end, 100, 1000) / Amplitude), -0.1, 0.1);
    }

    /// <summary>Output range unaffected by the abrupt start and end of the test tone.</summary>
    private static (int Start, int End) SteadyState(Resampler resampler, int outputLength)
    {
        var transient = (int)Math.Ceiling((double)resampler.HalfTaps * resampler.OutputRate / resampler.InputRate) + 1;
        return (transient, outputLength - transient);
    }
}

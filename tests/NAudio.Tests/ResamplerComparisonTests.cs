using GenreStream.Streaming.Resampling;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using NWaves.Signals;
using Xunit.Abstractions;

namespace GenreStream.NAudio.Tests;

/// <summary>
/// 48 kHz → 22.05 kHz, the conversion live capture makes: our <see cref="Resampler"/> beside NAudio's WDL resampler and
/// NWaves' <c>Resampler</c>, on a 1 kHz tone (signal to noise and distortion: a least-squares fit of the tone against the
/// rest) and a 15 kHz tone that must vanish (its alias would land at 7.05 kHz). Ours must keep its documented quality;
/// the others' figures are printed for docs/architecture.md ("Dependencies and why"), not asserted.
/// </summary>
public class ResamplerComparisonTests(ITestOutputHelper output)
{
    private const int InputRate = 48000, OutputRate = 22050;

    [Fact]
    public void Ours_keeps_its_quality_and_the_libraries_are_measured_beside_it()
    {
        var results = new List<(string Name, double Snr, double Alias)>();
        foreach (var (name, resample) in new (string, Func<float[], float[]>)[] { ("ours", Ours), ("NAudio WDL", Wdl), ("NWaves", NWavesResample) })
        {
            var snr = SignalToNoise(resample(Tone(1000)), 1000);
            var alias = LevelDecibels(resample(Tone(15000))) - LevelDecibels(Tone(15000));
            results.Add((name, snr, alias));
            output.WriteLine($"{name}: SNR at 1 kHz {snr:F1} dB, 15 kHz alias {alias:F1} dB");
        }

        Assert.True(results[0].Snr >= 110, $"our SNR is {results[0].Snr:F1} dB");
        Assert.True(results[0].Alias <= -90, $"our alias is {results[0].Alias:F1} dB");
        Assert.All(results, r => Assert.True(double.IsFinite(r.Snr) && double.IsFinite(r.Alias), $"{r.Name}: not measured"));
    }

    private static float[] Tone(double hz)
    {
        var samples = new float[2 * InputRate];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / InputRate));
        }

        return samples;
    }

    private static float[] Ours(float[] input)
    {
        var resampler = new Resampler(InputRate, OutputRate);
        var result = new float[resampler.MaxOutputCount(input.Length) + resampler.MaxFlushCount];
        var count = resampler.Process(input, result);
        count += resampler.Flush(result.AsSpan(count));
        return result[..count];
    }

    private static float[] Wdl(float[] input)
    {
        var provider = new WdlResamplingSampleProvider(new ArraySampleProvider(input), OutputRate);
        var result = new List<float>();
        var buffer = new float[4096];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, read));
        }

        return [.. result];
    }

    private static float[] NWavesResample(float[] input) =>
        new NWaves.Operations.Resampler().Resample(new DiscreteSignal(InputRate, input), OutputRate).Samples;

    /// <summary>The middle of the output (transients at both ends left out): the tone fitted by least squares against the rest.</summary>
    private static double SignalToNoise(float[] output, double hz)
    {
        var middle = output.AsSpan(output.Length / 5, output.Length * 3 / 5);
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (var i = 0; i < middle.Length; i++)
        {
            double s = Math.Sin(2 * Math.PI * hz * i / OutputRate), c = Math.Cos(2 * Math.PI * hz * i / OutputRate);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += middle[i] * s;
            yc += middle[i] * c;
        }

        var det = (ss * cc) - (sc * sc);
        double a = ((ys * cc) - (yc * sc)) / det, b = ((yc * ss) - (ys * sc)) / det;
        double signal = 0, noise = 0;
        for (var i = 0; i < middle.Length; i++)
        {
            var fit = (a * Math.Sin(2 * Math.PI * hz * i / OutputRate)) + (b * Math.Cos(2 * Math.PI * hz * i / OutputRate));
            signal += fit * fit;
            noise += (middle[i] - fit) * (middle[i] - fit);
        }

        return 10 * Math.Log10(signal / Math.Max(noise, 1e-30));
    }

    private static double LevelDecibels(float[] samples)
    {
        var middle = samples.AsSpan(samples.Length / 5, samples.Length * 3 / 5);
        double sum = 0;
        foreach (var s in middle)
        {
            sum += s * (double)s;
        }

        return 10 * Math.Log10(Math.Max(sum / middle.Length, 1e-30));
    }

    private sealed class ArraySampleProvider(float[] samples) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(InputRate, 1);

        public int Read(Span<float> buffer)
        {
            var count = Math.Min(buffer.Length, samples.Length - _position);
            samples.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}

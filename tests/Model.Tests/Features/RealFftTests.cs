using System.Numerics;
using GenreStream.Model.Features;
using MathNet.Numerics.IntegralTransforms;

namespace GenreStream.Model.Tests.Features;

public class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Matches_MathNet_complex_fft_on_random_input(int n)
    {
        var random = new Random(n);
        var x = new float[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var reference = x.Select(v => new Complex(v, 0)).ToArray();
        Fourier.Forward(reference, FourierOptions.NoScaling);

        var fft = new RealFft(n);
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];
        fft.Forward(x, re, im);

        var scale = Math.Sqrt(n);
        for (var k = 0; k < fft.BinCount; k++)
        {
            Assert.Equal(reference[k].Real, re[k], 1e-4 * scale);
            Assert.Equal(reference[k].Imaginary, im[k], 1e-4 * scale);
        }
    }

    [Fact]
    public void A_unit_sine_on_a_bin_has_power_n_squared_over_four_there_and_nothing_elsewhere()
    {
        const int n = 1024;
        const int bin = 37;
        var x = Enumerable.Range(0, n).Select(i => (float)Math.Sin(2 * Math.PI * bin * i / n)).ToArray();
        var fft = new RealFft(n);
        var power = new float[fft.BinCount];
        fft.PowerSpectrum(x, power, new float[fft.BinCount], new float[fft.BinCount]);

        Assert.Equal(n * n / 4.0, power[bin], n * n * 1e-5);
        for (var k = 0; k < power.Length; k++)
        {
            if (k != bin)
            {
                Assert.True(power[k] < 1e-3 * power[bin], $"bin {k} leaked {power[k]}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Rejects_lengths_that_are_not_powers_of_two(int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(n));

    [Fact]
    public void Does_not_allocate_once_constructed()
    {
        var fft = new RealFft(2048);
        var x = new float[2048];
        var power = new float[fft.BinCount];
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];
        fft.PowerSpectrum(x, power, re, im);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            fft.PowerSpectrum(x, power, re, im);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Vector_passes_give_the_scalar_passes_bits(int n)
    {
        // Odd and even numbers of pass pairs, lengths below and above every vector width: the same arithmetic per point.
        var x = RandomSignal(n, seed: n + 1);
        var vectors = new RealFft(n);
        var scalar = new RealFft(n, vectors: false);
        var (vectorRe, vectorIm) = (new float[vectors.BinCount], new float[vectors.BinCount]);
        var (scalarRe, scalarIm) = (new float[scalar.BinCount], new float[scalar.BinCount]);
        vectors.Forward(x, vectorRe, vectorIm);
        scalar.Forward(x, scalarRe, scalarIm);
        Assert.Equal(scalarRe, vectorRe);
        Assert.Equal(scalarIm, vectorIm);

        var vectorPower = new float[vectors.BinCount];
        var scalarPower = new float[scalar.BinCount];
        vectors.PowerSpectrum(x, default, vectorPower);
        scalar.PowerSpectrum(x, default, scalarPower);
        Assert.Equal(scalarPower, vectorPower);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(2048)]
    public void Power_spectrum_is_the_squared_magnitude_of_the_windowed_frame(int n)
    {
        var x = RandomSignal(n, seed: 3);
        var window = HannWindow.Create(n);
        var fft = new RealFft(n);
        var re = new float[fft.BinCount];
        var im = new float[fft.BinCount];
        fft.Forward(x.Zip(window, (v, w) => v * w).ToArray(), re, im);
        var power = new float[fft.BinCount];
        fft.PowerSpectrum(x, window, power);
        for (var k = 0; k < power.Length; k++)
        {
            Assert.Equal((re[k] * re[k]) + (im[k] * im[k]), power[k]);
        }
    }

    private static float[] RandomSignal(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}

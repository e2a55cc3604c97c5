using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace GenreStream.Model.Features;

/// <summary>
/// The seed experiment's features (<see cref="FeatureKind.Fft1000"/>): magnitudes of the first bins of
/// one FFT over the whole clip, of whatever length, as <c>numpy.abs(scipy.fft.fft(x)[:1000])</c>.
/// </summary>
/// <remarks>
/// Batch only: it needs every sample first, and it allocates in proportion to the clip. MathNet's
/// arbitrary-length (Bluestein) FFT does the transform. Bins past the clip's length are 0.
/// </remarks>
public static class WholeClipSpectrum
{
    /// <summary>Writes |FFT(<paramref name="clip"/>)| for bins 0..bins-1 into <paramref name="output"/>.</summary>
    public static void Compute(ReadOnlySpan<float> clip, Span<float> output)
    {
        output.Clear();
        if (clip.IsEmpty)
        {
            return;
        }

        var data = new Complex[clip.Length];
        for (var i = 0; i < clip.Length; i++)
        {
            data[i] = new Complex(clip[i], 0);
        }

        Fourier.Forward(data, FourierOptions.NoScaling);
        var count = Math.Min(output.Length, data.Length);
        for (var k = 0; k < count; k++)
        {
            output[k] = (float)data[k].Magnitude;
        }
    }
}

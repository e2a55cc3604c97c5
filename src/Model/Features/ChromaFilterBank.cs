namespace GenreStream.Model.Features;

/// <summary>
/// Folds a power spectrum into 12 pitch classes (C, C#, ... B, equal temperament, A4 = 440 Hz): each
/// bin between the low and high limits adds its power to the class of its nearest semitone. The result
/// is scaled so its largest class is 1 (librosa's default max-normalisation); a silent frame gives zeros.
/// </summary>
public sealed class ChromaFilterBank
{
    /// <summary>Pitch classes (C = 0 … B = 11).</summary>
    public const int Classes = 12;

    private readonly int[] _classOfBin;

    /// <param name="fftLength">FFT length in samples.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="minHz">Lowest bin frequency folded in (Hz).</param>
    /// <param name="maxHz">Highest bin frequency folded in (Hz).</param>
    public ChromaFilterBank(int fftLength, int sampleRate, double minHz, double maxHz)
    {
        _classOfBin = new int[(fftLength / 2) + 1];
        for (var k = 0; k < _classOfBin.Length; k++)
        {
            var f = (double)k * sampleRate / fftLength;
            if (f < minHz || f > maxHz)
            {
                _classOfBin[k] = -1;
                continue;
            }

            var midi = (int)Math.Round(69 + (12 * Math.Log2(f / 440.0)));
            _classOfBin[k] = ((midi % Classes) + Classes) % Classes;
        }
    }

    /// <summary>Pitch class of spectrum bin <paramref name="bin"/>, or -1 when outside the range.</summary>
    public int ClassOf(int bin) => _classOfBin[bin];

    /// <summary>Writes the 12 max-normalised pitch-class energies of <paramref name="power"/>.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> chroma)
    {
        chroma[..Classes].Clear();
        for (var k = 0; k < _classOfBin.Length; k++)
        {
            var c = _classOfBin[k];
            if (c >= 0)
            {
                chroma[c] += power[k];
            }
        }

        var max = System.Numerics.Tensors.TensorPrimitives.Max(chroma[..Classes]);
        if (max > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(chroma[..Classes], max, chroma[..Classes]);
        }
    }
}

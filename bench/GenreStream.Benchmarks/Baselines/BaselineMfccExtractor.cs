// src/Model/Features/MfccExtractor.cs at commit 79a2459, renamed Baseline*: the old kernels that RealFftKernelBenchmarks and
// FrameKernelBenchmarks time the current ones against in the same run. Not used by the program.
using System.Numerics.Tensors;

using GenreStream.Model.Features;

namespace GenreStream.Benchmarks.Baselines;

/// <summary>
/// Mel-frequency cepstral coefficients of a power spectrum: the mel filter bank's energies in dB
/// (10·log10, floored at <see cref="PowerFloor.Value"/>), then the orthonormal DCT-II truncated to the
/// first coefficients (<see cref="BaselineDct2"/>). Every buffer is allocated in the constructor.
/// </summary>
public sealed class BaselineMfccExtractor
{
    private readonly BaselineMelFilterBank _bank;
    private readonly BaselineDct2 _dct;
    private readonly float[] _logMel;

    /// <param name="bank">The mel filter bank the cepstrum is taken of.</param>
    /// <param name="coefficients">MFCCs kept, counting c0 (at most the bank's bands).</param>
    public BaselineMfccExtractor(BaselineMelFilterBank bank, int coefficients)
    {
        _bank = bank;
        _logMel = new float[bank.Bands];
        _dct = new BaselineDct2(bank.Bands, coefficients);
    }

    /// <summary>MFCCs written by <see cref="Extract"/>, counting c0.</summary>
    public int Count => _dct.OutputLength;

    /// <summary>The log-mel bands (dB) of the power spectrum last given to <see cref="Extract"/>; lent, overwritten by the next call.</summary>
    public ReadOnlySpan<float> LogMel => _logMel;

    /// <summary>Name of coefficient <paramref name="index"/> in feature vectors (<c>mfcc0</c>, …).</summary>
    public static string Name(int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"mfcc{index}");

    /// <summary>Writes the first <see cref="Count"/> MFCCs of <paramref name="power"/> (a power spectrum of the bank's FFT length).</summary>
    public void Extract(ReadOnlySpan<float> power, Span<float> mfcc)
    {
        LogMelSpectrum(_bank, power, _logMel);
        _dct.Transform(_logMel, mfcc[..Count]);
    }

    /// <summary>Writes the energies of <paramref name="bank"/>'s bands in <paramref name="power"/> in dB, floored at <see cref="PowerFloor.Value"/>.</summary>
    public static void LogMelSpectrum(BaselineMelFilterBank bank, ReadOnlySpan<float> power, Span<float> output)
    {
        bank.Apply(power, output);
        TensorPrimitives.Max(output, PowerFloor.SingleValue, output);
        TensorPrimitives.Log10(output, output);
        TensorPrimitives.Multiply(output, 10f, output);
    }
}

using System.Numerics.Tensors;

namespace GenreStream.Model.Features;

/// <summary>
/// How loudness fluctuates, band by band: the mel bands are averaged (in dB) into contiguous groups;
/// each group's envelope over the window, mean removed and Hann-windowed (periodic, window length),
/// is transformed (|DFT|²/L), and the energy between 1–2, 2–4, 4–8 and 8–16 Hz is given in dB
/// (10·log10(sum + <see cref="PowerFloor.Value"/>)). Output order: for each modulation band, every group.
/// </summary>
public sealed class ModulationSpectrum : IWindowDescriptor
{
    private static readonly double[] Edges = [1, 2, 4, 8, 16];
    private readonly int _logMelColumn;
    private readonly int _bandsPerGroup;
    private readonly int _groups;
    private readonly double _framesPerSecond;
    private readonly int _fullLength;
    private readonly double[] _envelope;
    private readonly double[] _window;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _energy;

    /// <param name="logMelColumn">Index of the first log-mel band within each frame vector.</param>
    /// <param name="melBands">Number of log-mel bands (a multiple of <paramref name="groups"/>).</param>
    /// <param name="groups">Number of band groups.</param>
    /// <param name="framesPerSecond">Frame rate (sample rate / hop).</param>
    /// <param name="fullLength">Frames in a full window (its DFT table is precomputed).</param>
    public ModulationSpectrum(int logMelColumn, int melBands, int groups, double framesPerSecond, int fullLength)
    {
        _logMelColumn = logMelColumn;
        _groups = groups;
        _bandsPerGroup = melBands / groups;
        _framesPerSecond = framesPerSecond;
        _fullLength = fullLength;
        _envelope = new double[groups * fullLength];
        _window = new double[fullLength];
        var bins = (fullLength / 2) + 1;
        _cos = new double[bins * fullLength];
        _sin = new double[bins * fullLength];
        for (var k = 0; k < bins; k++)
        {
            for (var t = 0; t < fullLength; t++)
            {
                _cos[(k * fullLength) + t] = Math.Cos(2 * Math.PI * k * t / fullLength);
                _sin[(k * fullLength) + t] = Math.Sin(2 * Math.PI * k * t / fullLength);
            }
        }

        _energy = new double[(Edges.Length - 1) * groups];
        var names = new List<string>();
        for (var b = 0; b < Edges.Length - 1; b++)
        {
            for (var g = 0; g < groups; g++)
            {
                names.Add($"mod{Edges[b]}_{Edges[b + 1]}hz_g{g}");
            }
        }

        Names = names;
    }

    public int Length => LengthFor(_groups);

    public IReadOnlyList<string> Names { get; }

    /// <summary>Values written for <paramref name="groups"/> band groups (0 for none): one per modulation band and group.</summary>
    public static int LengthFor(int groups) => (Edges.Length - 1) * groups;

    public void Compute(ReadOnlySpan<float> frames, int count, int stride, Span<float> output)
    {
        var length = Math.Min(count, _fullLength);
        var full = length == _fullLength;
        for (var t = 0; t < length; t++)
        {
            _window[t] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * t / length));
        }

        for (var g = 0; g < _groups; g++)
        {
            var envelope = _envelope.AsSpan(g * _fullLength, length);
            var mean = 0.0;
            for (var t = 0; t < length; t++)
            {
                var row = frames.Slice((t * stride) + _logMelColumn + (g * _bandsPerGroup), _bandsPerGroup);
                var sum = 0.0;
                foreach (var v in row)
                {
                    sum += v;
                }

                envelope[t] = sum / _bandsPerGroup;
                mean += envelope[t];
            }

            mean /= length;
            for (var t = 0; t < length; t++)
            {
                envelope[t] = (envelope[t] - mean) * _window[t];
            }
        }

        Array.Clear(_energy);
        for (var k = 0; k <= length / 2; k++)
        {
            var hz = k * _framesPerSecond / length;
            var band = -1;
            for (var b = 0; b < Edges.Length - 1; b++)
            {
                if (hz >= Edges[b] && hz < Edges[b + 1])
                {
                    band = b;
                }
            }

            if (band < 0)
            {
                continue;
            }

            for (var g = 0; g < _groups; g++)
            {
                var envelope = _envelope.AsSpan(g * _fullLength, length);
                double re = 0, im = 0;
                if (full)
                {
                    // Every full window (all of the live stream): the tables' rows, as whole vectors.
                    re = TensorPrimitives.Dot(envelope, _cos.AsSpan(k * _fullLength, length));
                    im = -TensorPrimitives.Dot(envelope, _sin.AsSpan(k * _fullLength, length));
                }
                else
                {
                    for (var t = 0; t < length; t++)
                    {
                        var angle = 2 * Math.PI * k * t / length;
                        re += envelope[t] * Math.Cos(angle);
                        im -= envelope[t] * Math.Sin(angle);
                    }
                }

                _energy[(band * _groups) + g] += ((re * re) + (im * im)) / length;
            }
        }

        for (var i = 0; i < _energy.Length; i++)
        {
            output[i] = (float)(10 * Math.Log10(_energy[i] + PowerFloor.Value));
        }
    }
}

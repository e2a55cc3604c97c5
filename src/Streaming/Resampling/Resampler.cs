using System.Diagnostics;
using System.Numerics.Tensors;

namespace GenreStream.Streaming.Resampling;

/// <summary>
/// Streaming band-limited sample-rate converter for mono float audio (Kaiser-windowed sinc).
/// Output sample n is the band-limited input at input time n·inputRate/outputRate, with no added
/// delay; input before time 0 and after the end of the stream counts as silence.
/// </summary>
/// <remarks>
/// <para>Positions are tracked as an exact rational (integer input index plus phase numerator), so
/// hours of audio do not drift. When the reduced ratio has few enough phases the coefficients of
/// every phase are precomputed exactly; otherwise they are interpolated from an oversampled table.</para>
/// <para>All buffers are allocated by the constructor: about 4 bytes × (2K + 4096) of history, with
/// 2K ≈ 78 × max(1, inputRate / outputRate) taps, plus precomputed phases (at most 2 MB, or one
/// row of 2K for integer decimation) or else 4 bytes × 2K of scratch coefficients for the table path.
/// <see cref="Process"/> and <see cref="Flush"/> allocate nothing. Not thread-safe.</para>
/// <para>Equal rates are an exact pass-through copy.</para>
/// </remarks>
public sealed class Resampler
{
    /// <summary>Highest sample rate accepted, in Hz.</summary>
    public const int MaxRate = 1_000_000;

    private const int ChunkSize = 4096;
    private const int MaxPrecomputedCoefficients = 1 << 19;

    private readonly int _up;
    private readonly int _down;
    private readonly int _stepWhole;
    private readonly int _stepPhase;
    private readonly int _halfTaps;
    private readonly int _tapCount;
    private readonly KaiserSincKernel? _kernel;
    private readonly float[]? _phaseBank;
    private readonly float[] _tableCoefficients;
    private readonly float[] _history;

    private long _historyStart;
    private int _historyCount;
    private long _inputCount;
    private long _outputCount;
    private long _nextCenter;
    private int _nextPhase;

    /// <summary>Creates a converter; all working memory is allocated here.</summary>
    /// <param name="inputRate">Input sample rate in Hz, 1..<see cref="MaxRate"/>.</param>
    /// <param name="outputRate">Output sample rate in Hz, 1..<see cref="MaxRate"/>.</param>
    public Resampler(int inputRate, int outputRate)
        : this(inputRate, outputRate, precomputePhases: true)
    {
    }

    /// <param name="inputRate">Input sample rate in Hz, 1..<see cref="MaxRate"/>.</param>
    /// <param name="outputRate">Output sample rate in Hz, 1..<see cref="MaxRate"/>.</param>
    /// <param name="precomputePhases">False forces the table-interpolation path (for tests).</param>
    internal Resampler(int inputRate, int outputRate, bool precomputePhases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputRate, MaxRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputRate, MaxRate);

        InputRate = inputRate;
        OutputRate = outputRate;
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        _up = outputRate / divisor;
        _down = inputRate / divisor;
        _stepWhole = _down / _up;
        _stepPhase = _down % _up;

        if (IsPassThrough)
        {
            _history = [];
            _tableCoefficients = [];
            return;
        }

        _kernel = new KaiserSincKernel(inputRate, outputRate);
        _halfTaps = _kernel.HalfTaps;
        _tapCount = _kernel.TapCount;
        _history = new float[_tapCount + ChunkSize];
        _tableCoefficients = [];
        // One phase (integer decimation) costs no more than the scratch row the table path needs.
        if (precomputePhases && (_up == 1 || (long)_up * _tapCount <= MaxPrecomputedCoefficients))
        {
            _phaseBank = new float[_up * _tapCount];
            for (var phase = 0; phase < _up; phase++)
            {
                _kernel.FillExact((double)phase / _up, _phaseBank.AsSpan(phase * _tapCount, _tapCount));
            }
        }
        else
        {
            _tableCoefficients = new float[_tapCount];
        }

        Reset();
    }

    /// <summary>Input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>True when the rates are equal and samples are copied unchanged.</summary>
    public bool IsPassThrough => _up == _down;

    /// <summary>Input samples on each side of an output's position that contribute to it (0 for pass-through).</summary>
    public int HalfTaps => _halfTaps;

    /// <summary>An output span of this length is always enough for <see cref="Flush"/>.</summary>
    public int MaxFlushCount => IsPassThrough ? 0 : (int)((((long)_halfTaps + 1) * _up / _down) + 1);

    /// <summary>Upper bound on the samples one <see cref="Process"/> call with <paramref name="inputCount"/> inputs writes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bound does not fit an <see cref="int"/>: use smaller blocks.</exception>
    public int MaxOutputCount(int inputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputCount);
        var bound = (((long)inputCount * _up) + _down - 1) / _down;
        return bound <= int.MaxValue
            ? (int)bound
            : throw new ArgumentOutOfRangeException(nameof(inputCount), inputCount, $"Up to {bound} outputs exceed Int32.MaxValue; process smaller blocks.");
    }

    /// <summary>
    /// Consumes all of <paramref name="input"/> and writes every output sample that it completes.
    /// History is kept between calls, so any split of a stream into blocks gives the same output.
    /// </summary>
    /// <param name="input">Input samples at <see cref="InputRate"/>; read only during the call.</param>
    /// <param name="output">Destination, at least <see cref="MaxOutputCount"/>(input.Length) long.</param>
    /// <returns>Number of samples written to the start of <paramref name="output"/>.</returns>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var required = MaxOutputCount(input.Length);
        if (output.Length < required)
        {
            throw new ArgumentException($"Output holds {output.Length} samples; {input.Length} inputs can produce up to {required}.", nameof(output));
        }

        _inputCount += input.Length;
        if (IsPassThrough)
        {
            input.CopyTo(output);
            _outputCount += input.Length;
            return input.Length;
        }

        var written = 0;
        while (!input.IsEmpty)
        {
            var take = Math.Min(input.Length, _history.Length - _historyCount);
            input[..take].CopyTo(_history.AsSpan(_historyCount));
            _historyCount += take;
            input = input[take..];
            written += Produce(output[written..]);
            DiscardConsumedHistory();
        }

        return written;
    }

    /// <summary>
    /// Ends the stream: writes the outputs still pending (treating input after the end as silence)
    /// so that the stream's total output is exactly ceil(inputs · outputRate / inputRate), then resets.
    /// </summary>
    /// <param name="output">Destination, at least <see cref="MaxFlushCount"/> long.</param>
    /// <returns>Number of samples written to the start of <paramref name="output"/>.</returns>
    public int Flush(Span<float> output)
    {
        var total = (long)((((Int128)_inputCount * _up) + _down - 1) / _down);
        var pending = (int)(total - _outputCount);
        if (output.Length < pending)
        {
            throw new ArgumentException($"Output holds {output.Length} samples; {pending} are pending.", nameof(output));
        }

        var written = 0;
        while (written < pending)
        {
            // Input after the end of the stream is silence.
            _history.AsSpan(_historyCount).Clear();
            _historyCount = _history.Length;
            written += Produce(output[written..pending]);
            DiscardConsumedHistory();
        }

        Reset();
        return pending;
    }

    /// <summary>Forgets the stream so far: the next sample given to <see cref="Process"/> is at time 0.</summary>
    public void Reset()
    {
        _inputCount = 0;
        _outputCount = 0;
        _nextCenter = 0;
        _nextPhase = 0;

        // Input before time 0 is silence: keep K − 1 zeros at indices −K+1 .. −1.
        _historyStart = -(_halfTaps - 1);
        _historyCount = Math.Max(_halfTaps - 1, 0);
        _history.AsSpan().Clear();
    }

    /// <summary>Writes every output whose 2K input samples are all in the history.</summary>
    private int Produce(Span<float> output)
    {
        var lastAvailable = _historyStart + _historyCount - 1;
        var n = 0;
        while (n < output.Length && _nextCenter + _halfTaps <= lastAvailable)
        {
            var window = _history.AsSpan((int)(_nextCenter - _halfTaps + 1 - _historyStart), _tapCount);
            if (_phaseBank is { } bank)
            {
                output[n++] = TensorPrimitives.Dot(window, bank.AsSpan(_nextPhase * _tapCount, _tapCount));
            }
            else
            {
                var coefficients = _tableCoefficients.AsSpan();
                _kernel!.FillFromTable((double)_nextPhase / _up, coefficients);
                output[n++] = TensorPrimitives.Dot(window, coefficients) / TensorPrimitives.Sum(coefficients);
            }

            _nextCenter += _stepWhole;
            _nextPhase += _stepPhase;
            if (_nextPhase >= _up)
            {
                _nextPhase -= _up;
                _nextCenter++;
            }
        }

        _outputCount += n;
        return n;
    }

    /// <summary>Drops history older than the first input sample the next output needs.</summary>
    private void DiscardConsumedHistory()
    {
        // Consecutive outputs are at most inputRate/outputRate input samples apart, far less than
        // the 2K-sample window, so the next output's first sample is always already in the history.
        var needed = _nextCenter - _halfTaps + 1;
        var drop = needed - _historyStart;
        if (drop <= 0)
        {
            return;
        }

        Debug.Assert(drop < _historyCount, "The next output's window starts inside the history.");
        var keep = _historyCount - (int)drop;
        _history.AsSpan((int)drop, keep).CopyTo(_history);
        _historyStart = needed;
        _historyCount = keep;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}

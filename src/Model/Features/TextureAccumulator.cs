using System.Numerics.Tensors;

namespace GenreStream.Model.Features;

/// <summary>
/// Summarises frame feature vectors over texture windows: every <c>hop</c> frames, once
/// <c>window</c> frames have arrived, the mean and the (population) standard deviation of each
/// feature over the last <c>window</c> frames. Preallocated: <see cref="Add"/> and
/// <see cref="Summarise"/> never allocate.
/// </summary>
/// <remarks>
/// Output layout: the <c>featureCount</c> means, then the <c>featureCount</c> standard deviations,
/// then the values of each <see cref="IWindowDescriptor"/>.
/// A stream shorter than one window still gets one summary of the frames it has
/// (<see cref="CanSummarisePartial"/>), so short excerpts are classified too.
/// </remarks>
public sealed class TextureAccumulator
{
    private readonly int _featureCount;
    private readonly int _stride;
    private readonly int _window;
    private readonly int _hop;
    private readonly float[] _ring;
    private readonly float[] _ringPower;
    private readonly float[] _sum;
    private readonly float[] _deviation;
    private readonly float[] _difference;
    private readonly IWindowDescriptor[] _descriptors;
    private readonly float[] _ordered;
    private readonly bool _logDeviations;
    private long _framesSeen;
    private long _windowsEmitted;

    /// <param name="featureCount">Features summarised by mean and deviation: the first values of each frame vector.</param>
    /// <param name="windowFrames">Frames per texture window.</param>
    /// <param name="hopFrames">Frames between window starts.</param>
    /// <param name="descriptors">Window-level features appended after the statistics, in order.</param>
    /// <param name="stride">Length of each frame vector (at least <paramref name="featureCount"/>; the rest only descriptors read). 0 means featureCount.</param>
    /// <param name="logDeviations">Give ln(σ + <see cref="FeatureSpec.LogDeviationOffset"/>) rather than σ.</param>
    public TextureAccumulator(int featureCount, int windowFrames, int hopFrames, IReadOnlyList<IWindowDescriptor>? descriptors = null, int stride = 0, bool logDeviations = false)
    {
        _logDeviations = logDeviations;
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopFrames, 1);
        _featureCount = featureCount;
        _stride = Math.Max(stride, featureCount);
        _window = windowFrames;
        _hop = hopFrames;
        _ring = new float[_stride * windowFrames];
        _ringPower = new float[windowFrames];
        _sum = new float[featureCount];
        _deviation = new float[featureCount];
        _difference = new float[featureCount];
        _descriptors = descriptors?.ToArray() ?? [];
        _ordered = _descriptors.Length > 0 ? new float[_stride * windowFrames] : [];
        OutputLength = (2 * featureCount) + _descriptors.Sum(d => d.Length);
    }

    /// <summary>The accumulator a spec describes (statistics plus its window descriptors).</summary>
    public static TextureAccumulator For(FeatureSpec spec) =>
        new(spec.FrameFeatureCount, spec.TextureFrames, spec.TextureHopFrames, spec.WindowDescriptors(), spec.FrameStride, spec.LogDeviations);

    /// <summary>Length of a summary: means, standard deviations, then each descriptor's values.</summary>
    public int OutputLength { get; }

    /// <summary>Frames added since the last reset.</summary>
    public long FramesSeen => _framesSeen;

    /// <summary>Summaries produced since the last reset.</summary>
    public long WindowsEmitted => _windowsEmitted;

    /// <summary>Frames covered by the next summary (fewer than a window only for a short stream).</summary>
    public int FramesInSummary => (int)Math.Min(_framesSeen, _window);

    /// <summary>Index (since the reset) of the first frame of the window <see cref="Summarise"/> would describe.</summary>
    public long FirstFrameOfSummary => _framesSeen - FramesInSummary;

    /// <summary>True at the end of a stream that never filled a window but has frames.</summary>
    public bool CanSummarisePartial => _windowsEmitted == 0 && _framesSeen > 0;

    public void Reset()
    {
        _framesSeen = 0;
        _windowsEmitted = 0;
    }

    /// <summary>Adds one frame's features and mean power; returns true when a full window is due.</summary>
    public bool Add(ReadOnlySpan<float> frameFeatures, float framePower)
    {
        var slot = (int)(_framesSeen % _window);
        frameFeatures[.._stride].CopyTo(_ring.AsSpan(slot * _stride, _stride));
        _ringPower[slot] = framePower;
        _framesSeen++;
        return _framesSeen >= _window && (_framesSeen - _window) % _hop == 0;
    }

    /// <summary>
    /// Writes mean and standard deviation over the frames of the current window into
    /// <paramref name="output"/> and returns the window's level in dBFS.
    /// </summary>
    public float Summarise(Span<float> output)
    {
        var count = FramesInSummary;
        if (count == 0)
        {
            throw new InvalidOperationException("no frames to summarise");
        }

        var mean = output[.._featureCount];
        var std = output.Slice(_featureCount, _featureCount);
        _sum.AsSpan().Clear();
        _deviation.AsSpan().Clear();
        var power = 0.0;

        // Oldest to newest, so a partial window and a full one add in the same order.
        var first = _framesSeen - count;
        for (var f = first; f < _framesSeen; f++)
        {
            var slot = (int)(f % _window);
            TensorPrimitives.Add(_sum, _ring.AsSpan(slot * _stride, _featureCount), _sum);
            power += _ringPower[slot];
        }

        TensorPrimitives.Divide(_sum, count, mean);
        for (var f = first; f < _framesSeen; f++)
        {
            var slot = (int)(f % _window);
            var difference = _difference.AsSpan();
            TensorPrimitives.Subtract(_ring.AsSpan(slot * _stride, _featureCount), mean, difference);
            TensorPrimitives.MultiplyAdd(difference, difference, _deviation, _deviation);
        }

        TensorPrimitives.Divide(_deviation, count, std);
        TensorPrimitives.Sqrt(std, std);
        if (_logDeviations)
        {
            TensorPrimitives.Add(std, FeatureSpec.LogDeviationOffset, std);
            TensorPrimitives.Log(std, std);
        }
        if (_descriptors.Length > 0)
        {
            for (var f = first; f < _framesSeen; f++)
            {
                var slot = (int)(f % _window);
                _ring.AsSpan(slot * _stride, _stride).CopyTo(_ordered.AsSpan((int)(f - first) * _stride));
            }

            var at = 2 * _featureCount;
            foreach (var descriptor in _descriptors) // an array: no enumerator is allocated
            {
                descriptor.Compute(_ordered, count, _stride, output.Slice(at, descriptor.Length));
                at += descriptor.Length;
            }
        }

        _windowsEmitted++;
        return TimeDomain.PowerToDecibels(power / count);
    }
}

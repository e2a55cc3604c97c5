namespace GenreStream.Streaming.Framing;

/// <summary>
/// Cuts a stream of samples that arrives in blocks of any size into overlapping frames of
/// <see cref="FrameSize"/> samples every <see cref="HopSize"/> samples, carrying leftover samples
/// from one block to the next. Preallocated: <see cref="Push"/> never allocates.
/// </summary>
/// <remarks>
/// Frame i covers samples [i·hop, i·hop + size). Frames are not centred or padded, except that a
/// stream shorter than one frame yields a single zero-padded frame at <see cref="Flush"/>, so a very
/// short input still gets features.
/// </remarks>
public sealed class Framer
{
    private readonly float[] _buffer;
    private int _filled;
    private long _framesEmitted;
    private long _samplesSeen;

    public Framer(int frameSize, int hopSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hopSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hopSize, frameSize);
        FrameSize = frameSize;
        HopSize = hopSize;
        _buffer = new float[frameSize];
    }

    /// <summary>Frame length in samples.</summary>
    public int FrameSize { get; }

    /// <summary>Samples between frame starts.</summary>
    public int HopSize { get; }

    /// <summary>Frames emitted since the last reset.</summary>
    public long FramesEmitted => _framesEmitted;

    /// <summary>Samples pushed since the last reset.</summary>
    public long SamplesSeen => _samplesSeen;

    public void Reset()
    {
        _filled = 0;
        _framesEmitted = 0;
        _samplesSeen = 0;
    }

    /// <summary>
    /// Adds <paramref name="samples"/> and calls <paramref name="onFrame"/> for every frame completed.
    /// The frame span lent to the callback is valid only during the call.
    /// </summary>
    public void Push<TState>(ReadOnlySpan<float> samples, TState state, FrameCallback<TState> onFrame)
    {
        _samplesSeen += samples.Length;
        while (!samples.IsEmpty)
        {
            var take = Math.Min(FrameSize - _filled, samples.Length);
            samples[..take].CopyTo(_buffer.AsSpan(_filled));
            _filled += take;
            samples = samples[take..];
            if (_filled == FrameSize)
            {
                onFrame(state, _framesEmitted++, _buffer);
                var keep = FrameSize - HopSize;
                _buffer.AsSpan(HopSize, keep).CopyTo(_buffer);
                _filled = keep;
            }
        }
    }

    /// <summary>At the end of a stream: emits one zero-padded frame if the stream was shorter than a frame but not empty.</summary>
    public void Flush<TState>(TState state, FrameCallback<TState> onFrame)
    {
        if (_framesEmitted == 0 && _filled > 0)
        {
            _buffer.AsSpan(_filled).Clear();
            _filled = 0;
            onFrame(state, _framesEmitted++, _buffer);
        }
    }
}

/// <summary>Receives one frame from a <see cref="Framer"/>; <paramref name="frame"/> is a lent buffer.</summary>
public delegate void FrameCallback<in TState>(TState state, long index, float[] frame);

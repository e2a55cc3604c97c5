using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>
/// Turns pushed capture buffers (NAudio's <c>DataAvailable</c> callbacks: WASAPI, <see cref="IWaveIn"/>) into the pull
/// <see cref="ISampleReader"/> that <see cref="LiveCapture"/> reads on its own thread, as PulseAudio's reader is. The
/// callback's bytes are decoded at once into a bounded ring of floats preallocated here (the callback's buffer is lent only
/// for the call); when the reader falls behind by more than the ring holds, the oldest audio is dropped and counted. A
/// capture that stops with an error makes <see cref="Read"/> throw it (so the source is reported lost and reopened); one
/// that stops cleanly ends the stream.
/// </summary>
public sealed class PushSampleReader : ISampleReader
{
    private readonly object _gate = new(); // Monitor: Read waits on it for pushed audio
    private readonly WaveBufferDecoder _decoder;
    private readonly float[] _ring;
    private readonly float[] _scratch;
    private readonly Action? _stop;
    private int _head;
    private int _count;
    private long _droppedFrames;
    private bool _ended;
    private Exception? _error;
    private bool _disposed;
    private readonly TimeSpan? _idleSilence;
    private readonly TimeProvider _time;
    private long _producedUntil;

    /// <param name="format">The format of the pushed bytes (PCM 8/16/24/32 or IEEE float 32/64).</param>
    /// <param name="capacitySeconds">Audio the ring holds before the oldest is dropped (seconds).</param>
    /// <param name="stop">Called once on <see cref="Dispose"/> (stop and release the capture), or null.</param>
    /// <param name="idleSilence">
    /// If given, a capture that delivers nothing for this long is read as digital silence for the time it stays quiet
    /// (WASAPI loopback sends no packets while the output plays nothing, yet the stream should say "silence").
    /// </param>
    /// <param name="time">The clock of <paramref name="idleSilence"/> (default: the system's).</param>
    /// <exception cref="AudioFormatException">An encoding that cannot be decoded.</exception>
    public PushSampleReader(WaveFormat format, double capacitySeconds = 2.0, Action? stop = null, TimeSpan? idleSilence = null, TimeProvider? time = null)
    {
        _idleSilence = idleSilence;
        _time = time ?? TimeProvider.System;
        _producedUntil = _time.GetTimestamp();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacitySeconds, 0);
        _decoder = new WaveBufferDecoder(format);
        Format = format.ToAudioFormat();
        var frames = Math.Max(1, (int)Math.Ceiling(capacitySeconds * format.SampleRate));
        _ring = new float[frames * format.Channels];
        _scratch = new float[Math.Max(_ring.Length, 4096 * format.Channels)];
        _stop = stop;
    }

    /// <inheritdoc/>
    public AudioFormat Format { get; }

    /// <summary>Sample frames dropped so far because the reader fell behind.</summary>
    public long DroppedFrames
    {
        get
        {
            lock (_gate)
            {
                return _droppedFrames;
            }
        }
    }

    /// <summary>Sample frames waiting to be read.</summary>
    public int BufferedFrames
    {
        get
        {
            lock (_gate)
            {
                return _count / Format.Channels;
            }
        }
    }

    /// <summary>
    /// Takes one captured buffer (the callback's bytes, valid only during the call): decodes its whole frames into the ring.
    /// Never blocks on the reader. Safe to call from the capture thread while another thread reads.
    /// </summary>
    public void Push(ReadOnlySpan<byte> captured)
    {
        lock (_gate)
        {
            while (captured.Length >= _decoder.BytesPerFrame)
            {
                var frames = Math.Min(captured.Length / _decoder.BytesPerFrame, _scratch.Length / Format.Channels);
                var bytes = frames * _decoder.BytesPerFrame;
                var samples = _decoder.Decode(captured[..bytes], _scratch);
                Append(_scratch.AsSpan(0, samples));
                captured = captured[bytes..];
            }

            _producedUntil = _time.GetTimestamp();

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The capture stopped: with <paramref name="error"/> (a lost device), or cleanly when it is null.</summary>
    public void Stop(Exception? error)
    {
        lock (_gate)
        {
            _ended = true;
            _error ??= error;
            Monitor.PulseAll(_gate);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Blocks until audio is there, the capture stops or the reader is disposed.</remarks>
    public int Read(Span<float> buffer)
    {
        var channels = Format.Channels;
        lock (_gate)
        {
            while (_count == 0 && !_ended && !_disposed)
            {
                if (_idleSilence is not { } idle)
                {
                    Monitor.Wait(_gate);
                    continue;
                }

                var quiet = _time.GetElapsedTime(_producedUntil);
                if (quiet < idle)
                {
                    Monitor.Wait(_gate, idle - quiet);
                    continue;
                }

                // Nothing came for the idle time: the quiet so far is read as silence, and the clock moves on by as much.
                var frames = (int)Math.Min(buffer.Length / channels, quiet.TotalSeconds * Format.SampleRate);
                if (frames > 0)
                {
                    buffer[..(frames * channels)].Clear();
                    _producedUntil += (long)((double)frames / Format.SampleRate * _time.TimestampFrequency);
                    return frames * channels;
                }

                Monitor.Wait(_gate, idle);
            }

            if (_count == 0)
            {
                if (_error is not null && !_disposed)
                {
                    throw new AudioFormatException($"capture stopped: {_error.Message.ReplaceLineEndings(" ")}");
                }

                return 0;
            }

            var take = Math.Min(_count, buffer.Length - (buffer.Length % channels));
            var first = Math.Min(take, _ring.Length - _head);
            _ring.AsSpan(_head, first).CopyTo(buffer);
            _ring.AsSpan(0, take - first).CopyTo(buffer[first..]);
            _head = (_head + take) % _ring.Length;
            _count -= take;
            return take;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        _stop?.Invoke();
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        var channels = Format.Channels;
        if (samples.Length > _ring.Length)
        {
            _droppedFrames += (samples.Length - _ring.Length) / channels;
            samples = samples[^_ring.Length..];
        }

        var overflow = _count + samples.Length - _ring.Length;
        if (overflow > 0)
        {
            _droppedFrames += overflow / channels;
            _head = (_head + overflow) % _ring.Length;
            _count -= overflow;
        }

        var tail = (_head + _count) % _ring.Length;
        var first = Math.Min(samples.Length, _ring.Length - tail);
        samples[..first].CopyTo(_ring.AsSpan(tail));
        samples[first..].CopyTo(_ring);
        _count += samples.Length;
    }
}

using System.Reactive.Linq;
using GenreStream.Streaming.Audio;

namespace GenreStream.Streaming.Sources;

/// <summary>
/// Reads a live source on a dedicated thread that never waits for subscribers: blocks go through a bounded
/// ring of preallocated buffers to a delivery thread; when the consumer falls behind, the oldest audio is
/// dropped and counted. When reading fails (the server or device went away) the source is reported
/// <c>lost</c>, reopened with exponential backoff, and reported <c>recovered</c>.
/// </summary>
/// <remarks>
/// Failing to open the source the first time ends the stream with that error (so "no server" can be told
/// apart). The capture loop allocates nothing per block. Delivered blocks are lent, as everywhere.
/// </remarks>
public static class LiveCapture
{
    /// <param name="open">Opens the source; called again to reconnect.</param>
    /// <param name="states">Receives state changes (on the capture or delivery thread).</param>
    /// <param name="blockFrames">Sample frames per block.</param>
    /// <param name="capacityBlocks">Blocks the hand-off holds before the oldest is dropped.</param>
    /// <param name="maxBackoff">Longest wait between reconnection attempts (they start at 0.25 s and double).</param>
    /// <param name="clock">If given, marked with when each delivered block's last sample entered the source
    /// (the read's time less the reader's <see cref="ILatencyReporting.CurrentLatency"/>), for latency figures.</param>
    public static IObservable<AudioBlock> Read(Func<ISampleReader> open, Action<SourceStateChange> states, int blockFrames = 1024, int capacityBlocks = 64, TimeSpan? maxBackoff = null, CaptureClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityBlocks, 2);
        var longest = maxBackoff ?? TimeSpan.FromSeconds(8);
        return Observable.Create<AudioBlock>(observer =>
        {
            var session = new Session(open, states, blockFrames, capacityBlocks, longest, clock, observer);
            session.Start();
            return session;
        });
    }

    private sealed class Session(Func<ISampleReader> open, Action<SourceStateChange> states, int blockFrames, int capacity, TimeSpan maxBackoff, CaptureClock? clock, IObserver<AudioBlock> observer) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _available = new(0);
        private float[][] _ring = [];
        private int[] _lengths = [];
        private long[] _entered = [];
        private int _head;
        private int _count;
        private bool _ended;
        private Exception? _error;
        private AudioFormat _format;
        private long _delivered;
        private long _dropped;

        public void Start()
        {
            var reader = ReaderOpening.OpenOrFail(open, observer);
            if (reader is null)
            {
                return;
            }

            _format = reader.Format;
            _ring = new float[capacity][];
            _lengths = new int[capacity];
            _entered = new long[capacity];
            for (var i = 0; i < capacity; i++)
            {
                _ring[i] = new float[blockFrames * _format.Channels];
            }

            states(new SourceStateChange(SourceState.Started, $"{_format}", 0, 0));
            new Thread(() => Capture(reader)) { IsBackground = true, Name = "genre capture" }.Start();
            new Thread(Deliver) { IsBackground = true, Name = "genre delivery" }.Start();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _available.Release();
        }

        private void Capture(ISampleReader reader)
        {
            var scratch = new float[blockFrames * _format.Channels];
            var backoff = TimeSpan.FromSeconds(0.25);
            while (!_stop.IsCancellationRequested)
            {
                int count;
                try
                {
                    count = reader.Read(scratch);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    break; // disposed while a read was pending: the error is the shutdown's, not news
                }
                catch (Exception e)
                {
                    reader.Dispose();
                    states(new SourceStateChange(SourceState.Lost, OneLine(e.Message), Seconds(), Interlocked.Read(ref _dropped)));
                    var next = Reopen(ref backoff);
                    if (next is null)
                    {
                        return;
                    }

                    reader = next;
                    backoff = TimeSpan.FromSeconds(0.25);

                    states(new SourceStateChange(SourceState.Recovered, $"{reader.Format}", Seconds(), Interlocked.Read(ref _dropped)));
                    continue;
                }

                if (count <= 0)
                {
                    break;
                }

                var entered = clock is null ? 0 : EnteredTimestamp(reader, clock.Time);

                lock (_gate)
                {
                    if (_count == capacity)
                    {
                        _dropped += _lengths[_head] / _format.Channels;
                        _head = (_head + 1) % capacity;
                        _count--;
                    }

                    var slot = (_head + _count) % capacity;
                    scratch.AsSpan(0, count).CopyTo(_ring[slot]);
                    _lengths[slot] = count;
                    _entered[slot] = entered;
                    _count++;
                }

                _available.Release();
            }

            reader.Dispose();
            lock (_gate)
            {
                _ended = true;
            }

            _available.Release();
        }

        private ISampleReader? Reopen(ref TimeSpan backoff)
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_stop.Token.WaitHandle.WaitOne(backoff))
                {
                    return null;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, maxBackoff.Ticks));
                try
                {
                    var reader = open();
                    if (reader.Format == _format)
                    {
                        return reader;
                    }

                    reader.Dispose();
                    _error = new AudioFormatException($"the source came back as {reader.Format}, not {_format}");
                    _stop.Cancel();
                    _available.Release();
                    return null;
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // Still away: wait longer and try again.
                }
            }

            return null;
        }

        private void Deliver()
        {
            var block = new float[blockFrames * _format.Channels];
            while (true)
            {
                _available.Wait();
                int length;
                long entered;
                lock (_gate)
                {
                    if (_stop.IsCancellationRequested || (_count == 0 && _ended))
                    {
                        break;
                    }

                    if (_count == 0)
                    {
                        continue;
                    }

                    length = _lengths[_head];
                    entered = _entered[_head];
                    _ring[_head].AsSpan(0, length).CopyTo(block);
                    _head = (_head + 1) % capacity;
                    _count--;
                }

                clock?.Mark((double)(_delivered + (length / _format.Channels)) / _format.SampleRate, entered);
                try
                {
                    observer.OnNext(new AudioBlock(block.AsMemory(0, length), _format, _delivered));
                }
                catch (Exception)
                {
                    // A subscriber threw on our thread, where nothing could catch it: end the session
                    // rather than the process (the pipeline's own stages report errors with OnError).
                    _stop.Cancel();
                    return;
                }

                Interlocked.Add(ref _delivered, length / _format.Channels);
            }

            if (_error is not null)
            {
                observer.OnError(_error);
            }
            else if (!_stop.IsCancellationRequested || _ended)
            {
                states(new SourceStateChange(SourceState.Ended, "end of input", Seconds(), Interlocked.Read(ref _dropped)));
                observer.OnCompleted();
            }
        }

        private static long EnteredTimestamp(ISampleReader reader, TimeProvider time)
        {
            var now = time.GetTimestamp();
            var latency = reader is ILatencyReporting source ? source.CurrentLatency : TimeSpan.Zero;
            return now - (long)(latency.TotalSeconds * time.TimestampFrequency);
        }

        private double Seconds() => (double)Interlocked.Read(ref _delivered) / _format.SampleRate;

        private static string OneLine(string text) => text.ReplaceLineEndings(" ");
    }
}

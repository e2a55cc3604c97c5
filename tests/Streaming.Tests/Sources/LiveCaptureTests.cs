using System.Collections.Concurrent;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Sources;

namespace GenreStream.Streaming.Tests.Sources;

public class LiveCaptureTests
{
    /// <summary>A live-like source: numbered blocks, optionally failing after some, optionally slow.</summary>
    private sealed class CountingReader(int failAfter = int.MaxValue, int endAfter = int.MaxValue, int delayMs = 0) : ISampleReader
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _blocks;

        public AudioFormat Format => AudioFormat.Mono(22050);

        /// <summary>Completes when the capture disposes the reader (its thread has stopped reading).</summary>
        public Task Disposed => _disposed.Task;

        public int Read(Span<float> buffer)
        {
            if (_blocks == endAfter)
            {
                return 0;
            }

            if (_blocks == failAfter)
            {
                throw new AudioFormatException("connection terminated");
            }

            if (delayMs > 0)
            {
                Thread.Sleep(delayMs);
            }

            buffer.Fill(++_blocks);
            return buffer.Length;
        }

        public void Dispose() => _disposed.TrySetResult();
    }

    /// <summary>A source whose audio always waited 80 ms in the server before it was read.</summary>
    private sealed class LaggingReader : ISampleReader, ILatencyReporting
    {
        public AudioFormat Format => AudioFormat.Mono(8000);

        public TimeSpan CurrentLatency => TimeSpan.FromMilliseconds(80);

        public int Read(Span<float> buffer)
        {
            Thread.Sleep(2);
            return buffer.Length;
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void The_capture_clock_counts_the_time_audio_spent_in_the_server_before_it_was_read()
    {
        var clock = new CaptureClock();
        var ages = new ConcurrentQueue<TimeSpan?>();
        using var enough = new ManualResetEventSlim();
        using var subscription = LiveCapture.Read(() => new LaggingReader(), _ => { }, blockFrames: 80, clock: clock)
            .Subscribe(block =>
            {
                // On delivery, the block's last sample is at least the server's 80 ms old.
                ages.Enqueue(clock.Age(block.StartSeconds + (block.FrameCount / 8000.0)));
                if (ages.Count == 20)
                {
                    enough.Set();
                }
            });
        Assert.True(enough.Wait(TimeSpan.FromSeconds(30)));
        Assert.All(ages.Take(20), age => Assert.InRange(age!.Value, TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_slow_consumer_never_blocks_capture_the_oldest_audio_is_dropped_and_counted()
    {
        var states = new ConcurrentQueue<SourceStateChange>();
        var received = new ConcurrentQueue<float>();
        using var done = new ManualResetEventSlim();
        using var subscription = LiveCapture.Read(() => new CountingReader(endAfter: 400), states.Enqueue, blockFrames: 256, capacityBlocks: 8)
            .Subscribe(
                block =>
                {
                    received.Enqueue(block.Samples.Span[0]);
                    Thread.Sleep(5); // a consumer far slower than the source
                },
                _ => done.Set(),
                done.Set);
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));

        var ended = states.Last();
        Assert.Equal(SourceState.Ended, ended.State);
        Assert.True(ended.DroppedFrames > 0, "nothing was dropped");
        Assert.Equal(400 * 256, (received.Count * 256) + ended.DroppedFrames);
        var numbers = received.ToArray();
        Assert.True(numbers.Zip(numbers.Skip(1)).All(p => p.Second > p.First), "blocks arrived out of order");
        Assert.Equal(400f, numbers[^1]); // the newest audio is kept
    }

    [Fact]
    public void A_source_that_goes_away_is_reported_lost_reopened_and_reported_recovered()
    {
        var states = new ConcurrentQueue<SourceStateChange>();
        var opened = 0;
        var blocks = 0;
        using var done = new ManualResetEventSlim();
        using var subscription = LiveCapture.Read(
                () => Interlocked.Increment(ref opened) == 1 ? new CountingReader(failAfter: 5) : new CountingReader(endAfter: 5),
                states.Enqueue,
                blockFrames: 128,
                maxBackoff: TimeSpan.FromMilliseconds(300))
            .Subscribe(_ => Interlocked.Increment(ref blocks), _ => done.Set(), done.Set);
        Assert.True(done.Wait(TimeSpan.FromSeconds(30)));

        Assert.Equal([SourceState.Started, SourceState.Lost, SourceState.Recovered, SourceState.Ended], states.Select(s => s.State).ToArray());
        Assert.Contains("connection terminated", states.ElementAt(1).Detail, StringComparison.Ordinal);
        Assert.Equal(10, blocks);
        Assert.Equal(2, opened);
    }

    [Fact]
    public void Failing_to_open_at_all_is_the_streams_error()
    {
        Exception? error = null;
        LiveCapture.Read(() => throw new AudioFormatException("no such device"), _ => { }).Subscribe(_ => { }, e => error = e);
        Assert.Equal("no such device", error?.Message);
    }

    [Fact]
    public async Task Disposing_stops_capture()
    {
        var states = new ConcurrentQueue<SourceStateChange>();
        var blocks = 0;
        var reader = new CountingReader(delayMs: 2);
        var subscription = LiveCapture.Read(() => reader, states.Enqueue, blockFrames: 64)
            .Subscribe(_ => Interlocked.Increment(ref blocks));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref blocks) > 5, TimeSpan.FromSeconds(10)), $"only {Volatile.Read(ref blocks)} blocks arrived before disposal");
        subscription.Dispose();

        // The capture thread disposes its reader once it has stopped reading; at most the one block already
        // on its way to the subscriber may still arrive after that.
        var stopped = await Task.WhenAny(reader.Disposed, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(stopped == reader.Disposed, "the capture kept reading after disposal");
        var after = Volatile.Read(ref blocks);
        await Task.Delay(200);
        Assert.True(Volatile.Read(ref blocks) <= after + 1, "blocks kept coming after disposal");
    }
}

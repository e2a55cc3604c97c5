using System.Collections.Concurrent;
using System.Diagnostics;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.Host.Outputs;

namespace GenreStream.Host.Tests.Outputs;

public class EventOutputTests
{
    /// <summary>An output whose Send throws for every event.</summary>
    private sealed class ThrowingOutput() : EventOutput("throwing peer")
    {
        protected override bool Send(LiveEvent e, CancellationToken cancel) => throw new InvalidOperationException("the peer exploded");
    }

    /// <summary>An output whose peer takes <paramref name="delayMs"/> per event, or fails every event.</summary>
    private sealed class PeerOutput(int delayMs, bool fails = false) : EventOutput("test peer")
    {
        public ConcurrentQueue<double> Received { get; } = new();

        protected override bool Send(LiveEvent e, CancellationToken cancel)
        {
            Thread.Sleep(delayMs);
            if (fails)
            {
                return false;
            }

            Received.Enqueue(e.Time);
            return true;
        }
    }

    /// <summary>An output whose peer never answers: each send waits until the output is stopped.</summary>
    private sealed class StuckOutput() : EventOutput("stuck peer")
    {
        protected override bool Send(LiveEvent e, CancellationToken cancel)
        {
            cancel.WaitHandle.WaitOne();
            cancel.ThrowIfCancellationRequested();
            return true;
        }
    }

    private static SourceChanged Event(int i) => new(i, SourceState.Started, "test");

    /// <summary>Starts <paramref name="outputs"/>, posts <paramref name="count"/> events to them, and completes them with <paramref name="patience"/>.</summary>
    private static void PostAndComplete(EventOutput[] outputs, int count, TimeSpan patience)
    {
        var all = new EventOutputs(outputs);
        all.Start();
        for (var i = 0; i < count; i++)
        {
            all.Post(Event(i));
        }

        all.Complete(patience);
    }

    [Fact]
    public void A_slow_peer_never_delays_posting_and_loses_only_its_oldest_events_counted()
    {
        using var slow = new PeerOutput(delayMs: 5);
        using var fast = new PeerOutput(delayMs: 0);
        using var outputs = new EventOutputs([slow, fast]);
        outputs.Start();

        var clock = Stopwatch.StartNew();
        const int Total = EventOutput.Capacity * 3;
        var posting = TimeSpan.Zero;
        for (var batch = 0; batch < Total / 100; batch++)
        {
            var before = clock.Elapsed;
            for (var i = batch * 100; i < (batch + 1) * 100; i++)
            {
                outputs.Post(Event(i));
            }

            posting += clock.Elapsed - before;

            // The fast output keeps up, whatever the slow one does.
            var expected = (batch + 1) * 100;
            Assert.True(SpinWait.SpinUntil(() => fast.Sent == expected, TimeSpan.FromSeconds(10)), $"the fast output got {fast.Sent} of {expected}");
        }

        outputs.Complete(TimeSpan.FromSeconds(60));

        Assert.True(posting < TimeSpan.FromSeconds(1), $"posting {Total} events took {posting.TotalMilliseconds:0} ms");
        Assert.Equal(Total - (Total % 100), fast.Received.Count);
        Assert.True(slow.Dropped > 0, "the slow peer dropped nothing");
        var kept = slow.Received.ToArray();
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.Second > p.First), "out of order");
        Assert.Equal(Total - (Total % 100), slow.Sent + slow.Dropped); // every event either sent or counted as dropped
        Assert.Equal(Total - (Total % 100) - 1, kept[^1]);             // the newest were kept
    }

    [Fact]
    public void An_output_that_throws_is_reported_once_and_stops_neither_itself_nor_the_others()
    {
        var reports = new ConcurrentQueue<string>();
        using var throwing = new ThrowingOutput { Report = reports.Enqueue };
        using var healthy = new PeerOutput(delayMs: 0);
        PostAndComplete([throwing, healthy], 50, TimeSpan.FromSeconds(10));
        Assert.Equal(50, throwing.Failed);
        Assert.Equal(50, healthy.Sent);
        Assert.Single(reports);
        Assert.Contains("the peer exploded", reports.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_sends_are_counted_and_do_not_stop_the_output()
    {
        using var failing = new PeerOutput(delayMs: 0, fails: true);
        PostAndComplete([failing], 10, TimeSpan.FromSeconds(5));
        Assert.Equal(10, failing.Failed);
        Assert.Equal(0, failing.Sent);
    }

    [Fact]
    public void Events_the_patience_leaves_unsent_are_counted_as_not_delivered()
    {
        using var stuck = new StuckOutput();
        using var healthy = new PeerOutput(delayMs: 0);
        PostAndComplete([stuck, healthy], 5, TimeSpan.FromMilliseconds(300));

        // The one being sent when the patience ran out and the four behind it: none lost without a count.
        Assert.Equal(0, stuck.Sent);
        Assert.Equal(5, stuck.Failed);
        Assert.Equal(5, healthy.Sent);
        Assert.Equal(0, healthy.Failed);
    }
}

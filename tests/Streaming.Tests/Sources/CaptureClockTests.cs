using GenreStream.Streaming.Sources;

namespace GenreStream.Streaming.Tests.Sources;

public class CaptureClockTests
{
    /// <summary>A clock that moves only when told to (one tick per microsecond).</summary>
    internal sealed class ManualClock : TimeProvider
    {
        public long Now { get; set; }

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void Age_is_measured_from_the_block_that_held_the_sample_less_the_audio_after_it()
    {
        var time = new ManualClock { Now = 10_000_000 };
        var clock = new CaptureClock(time);
        clock.Mark(1.0, 9_000_000);   // block ending at 1.0 s of audio entered the server at t = 9 s
        clock.Mark(2.0, 10_000_000);  // block ending at 2.0 s entered at t = 10 s
        time.Now = 10_050_000;        // now: t = 10.05 s

        Assert.Equal(TimeSpan.FromMilliseconds(50), clock.Age(2.0));
        Assert.Equal(TimeSpan.FromMilliseconds(550), clock.Age(1.5));   // 0.5 s of audio before the end of its block
        Assert.Equal(TimeSpan.FromMilliseconds(1050), clock.Age(1.0));
        Assert.Null(clock.Age(2.5));                                     // not captured yet
    }

    [Fact]
    public void A_block_handed_over_at_once_has_one_age_for_all_its_samples()
    {
        var time = new ManualClock { Now = 10_000_000 };
        var clock = new CaptureClock(time, realTime: false);
        clock.Mark(2.0, 10_000_000);
        time.Now = 10_050_000;
        Assert.Equal(TimeSpan.FromMilliseconds(50), clock.Age(1.5));
        Assert.Equal(TimeSpan.FromMilliseconds(50), clock.Age(2.0));
    }

    [Fact]
    public void MarkNow_subtracts_the_time_spent_in_the_source()
    {
        var time = new ManualClock { Now = 5_000_000 };
        var clock = new CaptureClock(time);
        clock.MarkNow(3.0, TimeSpan.FromMilliseconds(20));
        time.Now += 7_000;
        Assert.Equal(TimeSpan.FromMilliseconds(27), clock.Age(3.0));
    }

    [Fact]
    public void Only_the_most_recent_blocks_are_remembered()
    {
        var time = new ManualClock();
        var clock = new CaptureClock(time);
        for (var i = 1; i <= CaptureClock.Capacity + 10; i++)
        {
            clock.Mark(i, i * 1_000_000L);
        }

        time.Now = (CaptureClock.Capacity + 10) * 1_000_000L;
        Assert.Equal(TimeSpan.Zero, clock.Age(CaptureClock.Capacity + 10));
        // Positions before the oldest remembered block are answered by the oldest block it remembers.
        Assert.Equal(TimeSpan.FromSeconds(CaptureClock.Capacity - 1), clock.Age(11));
    }
}

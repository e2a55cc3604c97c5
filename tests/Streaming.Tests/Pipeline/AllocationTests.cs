using System.Reactive.Subjects;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Smoothing;
using GenreStream.Streaming.Tracking;
using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Pipeline;

public class AllocationTests
{
    [Theory]
    [InlineData(22050, 1, "smooth")]
    [InlineData(44100, 2, "smooth")]
    [InlineData(44100, 2, "track")]
    [InlineData(22050, 1, "track-moving-average")]
    public void The_whole_pipeline_allocates_nothing_per_block_once_warm(int rate, int channels, string end)
    {
        var model = TestModels.Random();
        var format = new AudioFormat(rate, channels);
        var block = new float[1024 * channels];
        var noise = Signals.MusicLike(rate, 1, seed: 3);
        for (var i = 0; i < block.Length; i++)
        {
            block[i] = noise[i / channels];
        }

        using var input = new Subject<AudioBlock>();
        var events = 0;
        using var subscription = end switch
        {
            "smooth" => input.PredictSmoothed(model, TimeSpan.FromSeconds(4)).Subscribe(_ => events++),
            "track" => input.PredictTracked(model, TrackingOptions.Default).Subscribe(_ => events++),
            _ => input.PredictTracked(model, TrackingOptions.Default with { Smoothing = new SmoothingOptions { Method = SmoothingMethod.MovingAverage, Windows = 5 } })
                .Subscribe(_ => events++),
        };

        long frame = 0;
        void Push(int blocks)
        {
            for (var b = 0; b < blocks; b++)
            {
                input.OnNext(new AudioBlock(block, format, frame));
                frame += 1024;
            }
        }

        Push(400); // warm up: every stage has run, the JIT has settled
        var before = GC.GetAllocatedBytesForCurrentThread();
        var eventsBefore = events;
        Push(2000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(events - eventsBefore > 20, $"only {events - eventsBefore} predictions");
        Assert.Equal(0, allocated);
    }
}

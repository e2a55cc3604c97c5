using System.Diagnostics;
using System.Text.RegularExpressions;
using GenreStream.Host.Listen;
using GenreStream.Host.Listen.View;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen.View;

/// <summary>The live view as a sink, drawing into a string instead of a terminal.</summary>
public sealed partial class LiveViewTests
{
    /// <summary>What starts every frame: the cursor to the first line, which is then erased.</summary>
    private const string FrameStart = "\u001b[1;1H\u001b[2K";

    /// <param name="output">Written by the render thread; lock it to read while the view runs.</param>
    private static LiveView Create(TextWriter output) =>
        new(output, TestModels.Genres, "file:song.wav", new DisplayOptions(), () => (80, 24), TimeProvider.System, unicode: true);

    [Fact]
    public void A_flood_of_events_is_drawn_at_most_ten_times_a_second_and_never_blocks_the_writer()
    {
        using var output = new StringWriter();
        var clock = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        var n = 0;
        using (var view = Create(output))
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
            {
                var write = Stopwatch.StartNew();
                view.Write(ViewStates.Update(TestModels.Genres[n % 10], 0.5f, time: n * 0.01));
                slowest = write.Elapsed > slowest ? write.Elapsed : slowest;
                n++;
            }

            view.Finish();
        }

        var frames = output.ToString().Split(FrameStart).Length - 1;
        Assert.InRange(frames, 2, (int)Math.Ceiling(clock.Elapsed.TotalSeconds * 10) + 1);

        // Never blocks: a Write that waited for the next frame would allow about one write per frame. Counted, not
        // timed, so a pause of the machine (a GC, a busy neighbour) cannot fail it.
        Assert.True(n >= 100 * frames, $"{n} writes for {frames} frames (slowest write {slowest.TotalMilliseconds:0.0} ms)");
    }

    [Fact]
    public void The_latest_state_is_drawn_and_finish_restores_the_terminal_and_leaves_a_summary()
    {
        using var buffer = new StringWriter();
        var output = TextWriter.Synchronized(buffer);
        using (var view = Create(output))
        {
            view.Write(new SourceChanged(0, SourceState.Started, "file song.wav (real-time pace)"));
            view.Write(ViewStates.Update("reggae", 0.66f, time: 9));
            Assert.True(SpinWait.SpinUntil(() => Written(output, buffer).Contains("reggae · confidence 66%", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), Written(output, buffer)[^2000..]);
            view.Write(new SourceChanged(10.5, SourceState.Ended, "interrupted"));
            Assert.Equal(10.5, view.LastTime);
            view.Finish();
            view.Finish();
        }

        var text = buffer.ToString();
        var left = text.IndexOf("\u001b[?1049l", StringComparison.Ordinal);
        Assert.True(left > text.LastIndexOf(FrameStart, StringComparison.Ordinal), "a frame was drawn after leaving the alternate screen");
        Assert.Equal(left, text.LastIndexOf("\u001b[?1049l", StringComparison.Ordinal));
        Assert.EndsWith("\u001b[?1049lgenre listen: reggae (66%) after 10.5 s of audio; source ended: interrupted\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The text (colours left out) that <paramref name="synchronized"/>, which locks itself on every call, has
    /// written to <paramref name="buffer"/> so far.
    /// </summary>
    private static string Written(TextWriter synchronized, StringWriter buffer)
    {
        lock (synchronized)
        {
            return Colours().Replace(buffer.ToString(), "");
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colours();
}

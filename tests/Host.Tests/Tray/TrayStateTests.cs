using System.Buffers.Binary;
using GenreStream.Host.Live;
using GenreStream.Host.Tray;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Tests.Tray;

/// <summary>What the icon and tooltip say for each live event, and how the icon is drawn.</summary>
public sealed class TrayStateTests
{
    private static readonly string[] Labels = ["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"];

    private static readonly TrayState Start = TrayState.Start(SourceSpec.Monitor, TrackingPreset.Steady);

    [Fact]
    public void The_tooltip_shows_genre_and_confidence_silence_unknown_and_paused()
    {
        Assert.Equal("genre: listening…", Start.Title);
        var rock = Start.With(Update("rock", 0.823f));
        Assert.Equal("genre: rock 82%", rock.Title);
        Assert.Equal("source: monitor\npreset: steady", rock.Body);

        var silent = rock.With(Update("rock", 0.8f, silent: true, status: TrackStatus.Silence));
        Assert.Equal("genre: silence", silent.Title);
        Assert.Contains("last genre: rock", silent.Body, StringComparison.Ordinal);

        Assert.Equal("genre: unknown (not one of the genres)", rock.With(Update("rock", 0.3f, status: TrackStatus.Unknown)).Title);

        var paused = rock with { Activity = TrayActivity.Paused };
        Assert.Equal("genre: paused", paused.Title);
        Assert.Same(paused, paused.With(Update("jazz", 0.9f))); // events of a run being stopped change nothing
    }

    [Fact]
    public void A_lost_source_needs_attention_until_it_recovers()
    {
        var lost = Start.With(Update("rock", 0.8f)).With(new SourceChanged(3, SourceState.Lost, "the audio server went away"));
        Assert.Equal("NeedsAttention", lost.ItemStatus);
        Assert.Equal("genre: source lost", lost.Title);
        Assert.Contains("the audio server went away", lost.Body, StringComparison.Ordinal);
        Assert.Equal("Active", lost.With(new SourceChanged(5, SourceState.Recovered, "back")).ItemStatus);
    }

    [Fact]
    public void The_icon_follows_the_genre()
    {
        var looks = Labels.Select(g => TrayIcon.Look(Start.With(Update(g, 0.9f)))).ToList();
        Assert.Equal(Labels.Length, looks.Select(l => l.Colour).Distinct().Count()); // a colour per genre
        Assert.Equal('R', looks[^1].Glyph);
        Assert.NotEqual(TrayIcon.Look(Start.With(Update("rock", 0.9f, silent: true, status: TrackStatus.Silence))), looks[^1]);
        Assert.NotEqual(TrayIcon.Look(Start with { Activity = TrayActivity.Paused }), TrayIcon.Look(Start));
    }

    [Theory]
    [InlineData(22)]
    [InlineData(48)]
    public void The_pixmap_is_an_opaque_disc_on_a_transparent_square(int size)
    {
        var pixels = TrayIcon.Draw(0xB71C1C, 'R', size);
        Assert.Equal(size * size * 4, pixels.Length);
        uint At(int x, int y) => BinaryPrimitives.ReadUInt32BigEndian(pixels.AsSpan(((y * size) + x) * 4));
        Assert.Equal(0u, At(0, 0) >> 24); // a corner is transparent
        Assert.Equal(0xFFB71C1Cu, At(2, size / 2)); // the disc's left edge: opaque, the genre's colour
        Assert.Contains(Enumerable.Range(0, size * size).Select(i => At(i % size, i / size)), p => p == 0xFFFFFFFFu); // the letter
    }

    private static GenreUpdate Update(string genre, float confidence, bool silent = false, TrackStatus status = TrackStatus.Music) =>
        new(10, Labels, genre, confidence, genre, confidence, silent, new float[10], new float[10], -20, Status: status);
}

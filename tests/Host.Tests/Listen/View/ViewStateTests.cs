using GenreStream.Host.Listen.View;
using GenreStream.Host.Live;
using GenreStream.Streaming.Sources;
using GenreStream.TestSupport;

namespace GenreStream.Host.Tests.Listen.View;

public sealed class ViewStateTests
{
    [Fact]
    public void Starts_waiting_with_no_genre_and_zero_bars()
    {
        var state = ViewState.Waiting("monitor", TestModels.Genres);
        Assert.Equal(SourceState.Waiting, state.SourceState);
        Assert.Null(state.Current);
        Assert.Null(state.Level);
        Assert.All(state.Smoothed, p => Assert.Equal(0, p));
    }

    [Fact]
    public void Started_names_the_source_and_later_states_keep_the_name_with_their_reason()
    {
        var state = ViewState.Waiting("monitor", TestModels.Genres)
            .With(new SourceChanged(0, SourceState.Started, "what is playing (the default output's monitor), 22050 Hz"))
            .With(new SourceChanged(5, SourceState.Lost, "server gone", DroppedSeconds: 0.5))
            .With(new SourceChanged(7, SourceState.Recovered, "back", DroppedSeconds: 2.0));
        Assert.Equal("what is playing (the default output's monitor), 22050 Hz", state.Source);
        Assert.Equal(SourceState.Recovered, state.SourceState);
        Assert.Equal("back", state.SourceDetail);
        Assert.Equal(2.0, state.DroppedSeconds);
        Assert.Equal(7, state.AudioSeconds);
    }

    [Fact]
    public void A_genre_update_sets_bars_current_genre_level_and_silence()
    {
        var update = ViewStates.Update("jazz", 0.6f, silent: true, level: -55, time: 30);
        var state = ViewState.Waiting("monitor", TestModels.Genres).With(update);
        Assert.Same(update.Smoothed, state.Smoothed);
        Assert.Equal("jazz", state.Current);
        Assert.Equal(0.6f, state.CurrentConfidence);
        Assert.True(state.Silent);
        Assert.Equal(-55, state.Level);
        Assert.Equal(30, state.AudioSeconds);
    }

    [Fact]
    public void Change_and_silence_events_update_between_windows()
    {
        var state = ViewStates.Playing("rock")
            .With(new GenreChanged(13.5, "rock", "metal", 0.52f))
            .With(new SilenceChanged(15, true, -70));
        Assert.Equal("metal", state.Current);
        Assert.Equal(0.52f, state.CurrentConfidence);
        Assert.True(state.Silent);
        Assert.Equal(-70, state.Level);
        Assert.False(state.With(new SilenceChanged(20, false, -18)).Silent);
    }
}

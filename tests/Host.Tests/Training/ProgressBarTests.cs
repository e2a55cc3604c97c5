using GenreStream.Host.Training;

namespace GenreStream.Host.Tests.Training;

public class ProgressBarTests
{
    [Fact]
    public void Shows_done_of_total_the_rate_and_the_time_left()
    {
        var bar = new ProgressBar(TextWriter.Null, interactive: false);
        bar.Start("extracting features", 100, "files");
        var line = bar.Line(25, TimeSpan.FromSeconds(5));
        Assert.Contains("25/100 files", line, StringComparison.Ordinal);
        Assert.Contains("5.0 files/s", line, StringComparison.Ordinal);
        Assert.Contains("0:15 left", line, StringComparison.Ordinal);
        Assert.Contains("[######------------------]", line, StringComparison.Ordinal);
        Assert.Contains("done in 20.0 s", bar.Line(100, TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_it_writes_a_line_every_tenth_at_most_every_five_seconds_and_one_at_the_end()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: false);
        bar.Start("cross-validating", 20, "folds");
        for (var i = 1; i <= 20; i++)
        {
            bar.Advance(i, TimeSpan.FromSeconds(i));
        }

        bar.Stop(TimeSpan.FromSeconds(20));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(" 5/20 folds", lines[0], StringComparison.Ordinal);
        Assert.Contains(" 10/20 folds", lines[1], StringComparison.Ordinal);
        Assert.Contains(" 15/20 folds", lines[2], StringComparison.Ordinal);
        Assert.Contains("20/20 folds", lines[3], StringComparison.Ordinal);
        Assert.Contains("done in 20.0 s", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output.ToString());
    }

    [Fact]
    public void Without_a_terminal_a_quick_job_writes_one_line()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: false);
        bar.Start("extracting features", 375, "files");
        for (var i = 1; i <= 375; i++)
        {
            bar.Advance(i, TimeSpan.FromMilliseconds(i * 0.3));
        }

        bar.Stop(TimeSpan.FromSeconds(0.1));
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("375/375 files", line, StringComparison.Ordinal);
        Assert.Contains("done in 0.1 s", line, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_it_redraws_one_line_in_place()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: true);
        bar.Start("extracting features", 3, "files");
        bar.Advance(3, TimeSpan.FromSeconds(1));
        bar.Stop(TimeSpan.FromSeconds(1));
        Assert.StartsWith("\r", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\n", output.ToString(), StringComparison.Ordinal);
    }
}

using GenreStream.Streaming.Sources;

namespace GenreStream.Streaming.Tests.Sources;

public class SourceStateTests
{
    [Fact]
    public void Every_state_has_its_published_name()
    {
        Assert.Equal(
            ["waiting", "started", "lost", "recovered", "ended"],
            Enum.GetValues<SourceState>().Select(s => s.Name()).ToArray());
    }
}

using GenreStream.TestSupport;

namespace GenreStream.Streaming.Tests.Sources.Pulse;

/// <summary>The tests that talk to a live PulseAudio daemon share one (see <see cref="PulseServer"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PulseTestServer : ICollectionFixture<PulseServer>
{
    public const string Name = "PulseAudio server";
}

using GenreStream.Host.Live;

namespace GenreStream.Host.Listen;

/// <summary>Where <c>genre listen</c> sends its events: lines on standard output, or the live terminal view.</summary>
internal interface IListenSink : IDisposable
{
    /// <summary>Audio time of the latest event written.</summary>
    double LastTime { get; }

    /// <summary>Shows or writes one event; called from one thread at a time.</summary>
    /// <exception cref="IOException">The output went away (e.g. a closed pipe).</exception>
    void Write(LiveEvent e);

    /// <summary>The run is over: leave the output clean (e.g. restore the terminal).</summary>
    void Finish();
}

namespace GenreStream.Host.Serve;

/// <summary>One event as the service hands it to clients: written to JSON once, numbered for SSE resumption.</summary>
/// <param name="Id">Its number (SSE <c>id:</c>): grows by one per event, and from a start taken from the wall clock, so ids from before a restart are never taken for new ones.</param>
/// <param name="Type">Its <c>type</c> (SSE <c>event:</c>): genre, change, silence or source.</param>
/// <param name="Json">The event as one line of JSON.</param>
/// <param name="Stream">The stream it is about (clients of one stream see only its events).</param>
internal sealed record PublishedEvent(long Id, string Type, string Json, string? Stream = null);

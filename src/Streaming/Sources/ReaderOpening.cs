namespace GenreStream.Streaming.Sources;

/// <summary>Opening a reader for a stream: a failure to open ends the stream with that error.</summary>
internal static class ReaderOpening
{
    /// <summary>Opens the reader, or sends the failure to <paramref name="observer"/> and returns null.</summary>
    public static ISampleReader? OpenOrFail<T>(Func<ISampleReader> open, IObserver<T> observer)
    {
        try
        {
            return open();
        }
        catch (Exception e)
        {
            observer.OnError(e);
            return null;
        }
    }
}

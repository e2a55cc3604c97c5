namespace GenreStream.Host.Training;

/// <summary>Receives progress of a long batch job (thread-safe: <see cref="Advance"/> is called from workers).</summary>
internal interface IProgressSink
{
    void Start(string what, int total);

    void Advance(int done, TimeSpan elapsed);

    void Stop(TimeSpan elapsed);
}

namespace GenreStream.Host.Training;

/// <summary>Receives progress of a long batch job (thread-safe: <see cref="Advance"/> is called from workers).</summary>
internal interface IProgressSink
{
    /// <summary>Begins a job of <paramref name="total"/> items, counted in <paramref name="unit"/> (plural: "files", "folds").</summary>
    void Start(string what, int total, string unit);

    void Advance(int done, TimeSpan elapsed);

    void Stop(TimeSpan elapsed);
}

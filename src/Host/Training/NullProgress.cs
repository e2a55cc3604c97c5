namespace GenreStream.Host.Training;

/// <summary>Progress that goes nowhere (tests, quiet runs).</summary>
internal sealed class NullProgress : IProgressSink
{
    public static readonly NullProgress Instance = new();

    public void Start(string what, int total, string unit)
    {
    }

    public void Advance(int done, TimeSpan elapsed)
    {
    }

    public void Stop(TimeSpan elapsed)
    {
    }
}

namespace GenreStream.Streaming.Realtime;

/// <summary>
/// Hooks a <see cref="WindowChain{TProbe}"/> calls between its stages, for a profiler that times each one.
/// A struct type argument: the JIT compiles <see cref="NoProbe"/>'s empty calls away.
/// </summary>
public interface IStageProbe
{
    /// <summary>A frame is about to be transformed (FFT, power and magnitude spectra).</summary>
    void FrameStarted();

    /// <summary>The frame's spectra are ready; its features are computed next.</summary>
    void Transformed();

    /// <summary>The frame's features and power are ready; the texture accumulator takes them next.</summary>
    void Described();

    /// <summary>The accumulator took the frame; <paramref name="windowDue"/> says whether a window is summarised next.</summary>
    void Accumulated(bool windowDue);

    /// <summary>The window's summary is ready; the model scores it next.</summary>
    void Summarised();

    /// <summary>The window was scored and handed on (the handler's work, smoothing say, included).</summary>
    void Scored();
}

/// <summary>The probe that does nothing: the chain as it runs outside the bench.</summary>
public readonly struct NoProbe : IStageProbe
{
    public void FrameStarted()
    {
    }

    public void Transformed()
    {
    }

    public void Described()
    {
    }

    public void Accumulated(bool windowDue)
    {
    }

    public void Summarised()
    {
    }

    public void Scored()
    {
    }
}

using GenreStream.Model.Softmax;
using GenreStream.Streaming.Realtime;
using GenreStream.Streaming.Resampling;
using GenreStream.Streaming.Tracking;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>
/// A pass-through <see cref="ISampleProvider"/> that classifies what flows through it, as NAudio's
/// <c>MeteringSampleProvider</c> meters it: put it in a player's chain (<c>player.Init(new GenreTapSampleProvider(chain, model))</c>)
/// and <see cref="WindowClassified"/> fires on the audio thread for every classification step (1.5 s), with the same
/// smoothing, hysteresis and silence as the Rx pipeline (<see cref="BlockClassifier"/>). The audio is not changed.
/// Mixing to mono, resampling and features run inside <see cref="Read"/> on buffers allocated here (a larger read than
/// any before grows the mono buffer once); handlers get lent buffers and must not block.
/// </summary>
public sealed class GenreTapSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly BlockClassifier _classifier;
    private readonly int _channels;
    private float[] _mono;

    /// <param name="source">The audio to pass on and classify (any rate, any channels).</param>
    /// <param name="model">The model (e.g. <see cref="GenreModel.LoadBundled"/>).</param>
    /// <param name="tracking">Smoothing, hysteresis and silence (default: <see cref="TrackingOptions.Default"/>).</param>
    public GenreTapSampleProvider(ISampleProvider source, SoftmaxModel model, TrackingOptions? tracking = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _channels = source.WaveFormat.Channels;
        _classifier = new BlockClassifier(model, source.WaveFormat.SampleRate, tracking ?? TrackingOptions.Default, OnWindow);
        _mono = new float[4096];
    }

    /// <summary>Raised on the reading thread for every classification step; the prediction's buffers are lent for the call.</summary>
    public event Action<TrackedPrediction>? WindowClassified;

    /// <summary>The source's format, unchanged.</summary>
    public WaveFormat WaveFormat => _source.WaveFormat;

    /// <summary>The current genre's label, or null before any music, in silence and on unknown audio.</summary>
    public string? CurrentGenre => _classifier.GenreIndex >= 0 && !_classifier.IsUnknown ? _classifier.Labels[_classifier.GenreIndex] : null;

    /// <summary>Reads from the source into <paramref name="buffer"/> and classifies the whole frames read.</summary>
    public int Read(Span<float> buffer)
    {
        var count = _source.Read(buffer);
        var frames = count / _channels;
        if (frames > 0)
        {
            if (_mono.Length < frames)
            {
                _mono = new float[frames];
            }

            ChannelMixer.ToMono(buffer[..(frames * _channels)], _channels, _mono);
            _classifier.Process(_mono.AsSpan(0, frames));
        }

        return count;
    }

    private void OnWindow(TrackedPrediction prediction) => WindowClassified?.Invoke(prediction);
}

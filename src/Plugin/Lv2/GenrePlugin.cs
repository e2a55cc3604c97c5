using GenreStream.Model.Softmax;
using GenreStream.Streaming.Realtime;

namespace GenreStream.Plugin.Lv2;

/// <summary>
/// One instance of the plugin: the port pointers the host connected and a <see cref="BlockClassifier"/>.
/// Everything is allocated in the constructor (the host's <c>instantiate</c>); <see cref="Run"/>
/// allocates nothing, takes no lock and does no I/O.
/// </summary>
/// <remarks>
/// The audio passes through unchanged. Control outputs carry the classifier's state after the block:
/// the smoothed probabilities, the genre index (-1 before the first window and while silent), its
/// confidence and the latest window's level.
/// </remarks>
internal sealed unsafe class GenrePlugin
{
    private readonly int _channels;
    private readonly float*[] _ports;
    private readonly float[] _mono;
    private readonly BlockClassifier _classifier;
    private float _appliedSmoothing = PortLayout.DefaultSmoothingSeconds;
    private float _appliedThreshold = PortLayout.DefaultSilenceThreshold;
    private bool _failed;

    public GenrePlugin(SoftmaxModel model, int sampleRate, int channels)
    {
        if (model.ClassCount != PortLayout.Genres)
        {
            throw new ModelFormatException($"the plugin's ports describe {PortLayout.Genres} genres, the model has {model.ClassCount}");
        }

        _channels = channels;
        _ports = new float*[PortLayout.PortCount(channels)];
        _mono = channels == 1 ? [] : new float[BlockClassifier.ChunkSize];
        _classifier = new BlockClassifier(model, sampleRate, _appliedSmoothing, _appliedThreshold);
    }

    public void Connect(uint port, float* data)
    {
        if (port < _ports.Length)
        {
            _ports[port] = data;
        }
    }

    /// <summary>LV2's activate: processing (re)starts, so the classifier forgets what it heard before.</summary>
    public void Activate() => _classifier.Reset();

    public void Run(int frames)
    {
        PassThrough(frames);
        if (_failed)
        {
            return;
        }

        try
        {
            ApplyControls();
            Analyse(frames);
        }
        catch (Exception)
        {
            // Cannot happen with valid ports; if it does, the audio still passes and the outputs say "no genre".
            _failed = true;
        }

        WriteOutputs();
    }

    private void PassThrough(int frames)
    {
        for (var c = 0; c < _channels; c++)
        {
            var input = _ports[PortLayout.AudioInput(c)];
            var output = _ports[PortLayout.AudioOutput(c, _channels)];
            if (input is not null && output is not null && input != output)
            {
                new ReadOnlySpan<float>(input, frames).CopyTo(new Span<float>(output, frames));
            }
        }
    }

    private void ApplyControls()
    {
        var smoothing = Control(PortLayout.Smoothing);
        if (smoothing is { } s && s != _appliedSmoothing && float.IsFinite(s))
        {
            _appliedSmoothing = s;
            _classifier.SmoothingSeconds = Math.Clamp(s, 0, PortLayout.MaxSmoothingSeconds);
        }

        var threshold = Control(PortLayout.SilenceThreshold);
        if (threshold is { } t && t != _appliedThreshold && !float.IsNaN(t))
        {
            _appliedThreshold = t;
            _classifier.SilenceThresholdDecibels = t;
        }
    }

    private void Analyse(int frames)
    {
        var left = _ports[PortLayout.AudioInput(0)];
        if (left is null)
        {
            return;
        }

        if (_channels == 1)
        {
            _classifier.Process(new ReadOnlySpan<float>(left, frames));
            return;
        }

        var right = _ports[PortLayout.AudioInput(1)] is null ? left : _ports[PortLayout.AudioInput(1)];
        for (var at = 0; at < frames; at += _mono.Length)
        {
            var count = Math.Min(_mono.Length, frames - at);
            for (var i = 0; i < count; i++)
            {
                _mono[i] = 0.5f * (left[at + i] + right[at + i]);
            }

            _classifier.Process(_mono.AsSpan(0, count));
        }
    }

    private void WriteOutputs()
    {
        var smoothed = _classifier.Smoothed;
        for (var k = 0; k < PortLayout.Genres; k++)
        {
            SetControl(PortLayout.FirstProbability + k, smoothed[k]);
        }

        SetControl(PortLayout.Genre, _failed ? -1 : _classifier.GenreIndex);
        SetControl(PortLayout.Confidence, _failed ? 0 : _classifier.Confidence);
        SetControl(PortLayout.Level, _classifier.LevelDecibels);
    }

    private float? Control(int control)
    {
        var port = _ports[control];
        return port is null ? null : *port;
    }

    private void SetControl(int control, float value)
    {
        var port = _ports[control];
        if (port is not null)
        {
            *port = value;
        }
    }
}

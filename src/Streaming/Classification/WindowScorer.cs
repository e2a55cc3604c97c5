using GenreStream.Model.Softmax;
using GenreStream.Streaming.Features;

namespace GenreStream.Streaming.Classification;

/// <summary>
/// The one place a texture window's feature vector becomes a <see cref="GenrePrediction"/>: the novelty
/// detector's verdict, the model's log-probabilities and their exponentials. The Rx <c>Classify</c> stage,
/// the block classifier and the bench all score windows here.
/// </summary>
/// <remarks>Buffers are allocated by the constructor and lent by every prediction until the next <see cref="Score"/>. Never allocates.</remarks>
public sealed class WindowScorer
{
    private readonly SoftmaxModel _model;
    private readonly float[] _scratch;
    private readonly float[] _logProbabilities;
    private readonly float[] _probabilities;

    public WindowScorer(SoftmaxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _scratch = new float[model.FeatureCount];
        _logProbabilities = new float[model.ClassCount];
        _probabilities = new float[model.ClassCount];
    }

    /// <summary>Scores the feature vector <paramref name="window"/> of the window at <paramref name="span"/>, whose RMS level is <paramref name="levelDecibels"/>.</summary>
    /// <exception cref="InvalidOperationException">The vector's length is not the model's feature count.</exception>
    public GenrePrediction Score(ReadOnlySpan<float> window, in TextureWindowSpan span, float levelDecibels)
    {
        if (window.Length != _model.FeatureCount)
        {
            throw new InvalidOperationException($"the model takes {_model.FeatureCount} features, the window has {window.Length}");
        }

        var novelty = float.NaN;
        var unknown = _model.Novelty?.IsUnknown(window, _scratch, out novelty) ?? false;
        _model.PredictLogProbabilities(window, _logProbabilities, _scratch);
        for (var k = 0; k < _probabilities.Length; k++)
        {
            _probabilities[k] = MathF.Exp(_logProbabilities[k]);
        }

        return new GenrePrediction(span.Index, span.StartSeconds, span.DurationSeconds, _probabilities, _logProbabilities, levelDecibels, novelty, unknown);
    }
}

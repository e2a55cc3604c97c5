using System.Numerics.Tensors;
using GenreStream.Model.Features;
using GenreStream.Model.Novelty;

namespace GenreStream.Model.Softmax;

/// <summary>
/// A logistic regression over standardised features with logits z = W·((x-μ)/σ) + b: multinomial
/// (p = softmax(z)) or one-vs-rest (p_k = σ(z_k) / Σ_j σ(z_j)), by <see cref="Kind"/>.
/// Immutable and thread-safe; predictions write into caller-owned spans and never allocate.
/// </summary>
public sealed class SoftmaxModel
{
    private readonly float[] _mean;
    private readonly float[] _inverseStd;
    private readonly float[] _std;
    private readonly float[] _weights;
    private readonly float[] _biases;
    private readonly float _temperature;

    /// <summary>Smallest temperature a model may have (a smaller one would overflow the logits).</summary>
    public const float MinTemperature = 1e-3f;

    /// <summary>Largest temperature a model may have.</summary>
    public const float MaxTemperature = 1e3f;

    /// <param name="labels">Class names, one per row of <paramref name="weights"/>.</param>
    /// <param name="spec">The features the model was trained on.</param>
    /// <param name="mean">Per-feature mean used for standardisation.</param>
    /// <param name="std">Per-feature standard deviation used for standardisation (positive, with a finite reciprocal).</param>
    /// <param name="weights">Row-major [class × feature] weights over standardised features.</param>
    /// <param name="biases">Per-class bias.</param>
    /// <param name="aggregation">How clip predictions combine window predictions.</param>
    /// <param name="kind">How logits become probabilities.</param>
    /// <param name="temperature">Logits are divided by it before the softmax (temperature scaling for calibration; 1 = none).</param>
    /// <param name="novelty">What tells windows of music the model knows from everything else; null: every window counts as music.</param>
    public SoftmaxModel(
        IReadOnlyList<string> labels,
        FeatureSpec spec,
        ReadOnlySpan<float> mean,
        ReadOnlySpan<float> std,
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> biases,
        ClipAggregation aggregation = ClipAggregation.MeanLogProbability,
        ModelKind kind = ModelKind.Multinomial,
        float temperature = 1f,
        NoveltyDetector? novelty = null)
    {
        var errors = new List<string>();
        var d = spec.VectorLength;
        var c = labels.Count;
        if (c < 2)
        {
            errors.Add($"a model needs at least 2 labels, not {c}");
        }

        if (labels.Distinct(StringComparer.Ordinal).Count() != c || labels.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("labels must be distinct and non-empty");
        }

        if (mean.Length != d || std.Length != d)
        {
            errors.Add($"standardisation has {mean.Length} means and {std.Length} deviations, but the feature spec gives {d} features");
        }

        if (weights.Length != c * d)
        {
            errors.Add($"weights have {weights.Length} values, expected {c} labels x {d} features = {c * d}");
        }

        if (biases.Length != c)
        {
            errors.Add($"{biases.Length} biases for {c} labels");
        }

        if (!(temperature >= MinTemperature && temperature <= MaxTemperature))
        {
            errors.Add($"temperature {temperature} must be from {MinTemperature} to {MaxTemperature}");
        }

        if (!AllFinite(mean) || !AllFinite(std) || !AllFinite(weights) || !AllFinite(biases))
        {
            errors.Add("parameters contain NaN or infinite values");
        }

        foreach (var s in std)
        {
            // A deviation so small that its reciprocal overflows would turn every feature into ±∞.
            if (!(s > 0) || !float.IsFinite(1f / s))
            {
                errors.Add($"standard deviations must be positive and at least {1f / float.MaxValue:G3}");
                break;
            }
        }

        if (novelty is not null && novelty.FeatureCount != d)
        {
            errors.Add($"the novelty detector reads {novelty.FeatureCount} features, but the feature spec gives {d}");
        }

        if (!Enum.IsDefined(kind))
        {
            errors.Add($"unknown model kind {(int)kind}");
        }

        if (errors.Count > 0)
        {
            throw new ModelFormatException(string.Join("; ", errors));
        }

        Labels = labels.ToArray();
        Spec = spec;
        Aggregation = aggregation;
        Kind = kind;
        _mean = mean.ToArray();
        _std = std.ToArray();
        _inverseStd = new float[d];
        TensorPrimitives.Reciprocal(_std, _inverseStd);
        _weights = weights.ToArray();
        _biases = biases.ToArray();
        _temperature = temperature;
        Novelty = novelty;
    }

    /// <summary>Tells windows of music like the training data from everything else (null for models trained before it existed).</summary>
    public NoveltyDetector? Novelty { get; }

    public IReadOnlyList<string> Labels { get; }

    public FeatureSpec Spec { get; }

    public ClipAggregation Aggregation { get; }

    public ModelKind Kind { get; }

    public int ClassCount => _biases.Length;

    public int FeatureCount => _mean.Length;

    public ReadOnlySpan<float> Mean => _mean;

    public ReadOnlySpan<float> StandardDeviation => _std;

    /// <summary>Row-major [class × feature] weights over standardised features.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    public ReadOnlySpan<float> Biases => _biases;

    /// <summary>Logits are divided by this before the softmax: above 1 softens over-confident probabilities.</summary>
    public float Temperature => _temperature;

    /// <summary>Writes the logits of <paramref name="features"/>; <paramref name="scratch"/> holds <see cref="FeatureCount"/> values.</summary>
    public void Logits(ReadOnlySpan<float> features, Span<float> logits, Span<float> scratch)
    {
        var standardised = scratch[..FeatureCount];
        TensorPrimitives.Subtract(features[..FeatureCount], _mean, standardised);
        TensorPrimitives.Multiply(standardised, _inverseStd, standardised);
        ReadOnlySpan<float> w = _weights;
        for (var k = 0; k < ClassCount; k++)
        {
            logits[k] = TensorPrimitives.Dot(w.Slice(k * FeatureCount, FeatureCount), standardised) + _biases[k];
        }

        if (_temperature != 1f)
        {
            TensorPrimitives.Divide(logits[..ClassCount], _temperature, logits[..ClassCount]);
        }
    }

    /// <summary>The same model with another <see cref="Temperature"/>.</summary>
    public SoftmaxModel WithTemperature(float temperature) =>
        new(Labels, Spec, _mean, _std, _weights, _biases, Aggregation, Kind, temperature, Novelty);

    /// <summary>The same model with another <see cref="Novelty"/> detector.</summary>
    public SoftmaxModel WithNovelty(NoveltyDetector? novelty) =>
        new(Labels, Spec, _mean, _std, _weights, _biases, Aggregation, Kind, _temperature, novelty);

    /// <summary>Writes class probabilities (finite, summing to 1) of <paramref name="features"/>.</summary>
    public void PredictProbabilities(ReadOnlySpan<float> features, Span<float> probabilities, Span<float> scratch)
    {
        Logits(features, probabilities, scratch);
        if (Kind == ModelKind.OneVsRest)
        {
            LogSigmoid.NormalisedProbabilities(probabilities[..ClassCount], probabilities);
        }
        else
        {
            LogSoftmax.Probabilities(probabilities[..ClassCount], probabilities);
        }
    }

    /// <summary>Writes class log-probabilities of <paramref name="features"/>.</summary>
    public void PredictLogProbabilities(ReadOnlySpan<float> features, Span<float> logProbabilities, Span<float> scratch)
    {
        Logits(features, logProbabilities, scratch);
        if (Kind == ModelKind.OneVsRest)
        {
            LogSigmoid.NormalisedLogProbabilities(logProbabilities[..ClassCount], logProbabilities);
        }
        else
        {
            LogSoftmax.Compute(logProbabilities[..ClassCount], logProbabilities);
        }
    }

    /// <summary>Index of the label <paramref name="label"/>, or -1.</summary>
    public int IndexOf(string label)
    {
        for (var k = 0; k < Labels.Count; k++)
        {
            if (string.Equals(Labels[k], label, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}

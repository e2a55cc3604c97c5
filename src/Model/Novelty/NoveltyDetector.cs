using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace GenreStream.Model.Novelty;

/// <summary>
/// How unlike the training music a window's feature vector is: the negative log-likelihood, per feature, of a
/// probabilistic PCA density learnt from the training windows (standardised features; the top
/// <see cref="Components"/> principal directions with their own variances, the rest with one shared
/// residual variance), reported as ½·ln of that mean squared distance. Tones, noise, speech and animals lie
/// far from every genre's music, where a softmax still answers one genre with confidence. Optionally also a
/// linear rejector (<see cref="Margin"/>), fitted to tell music from synthesised non-music (speech, noise,
/// tones, drum machines): what lies near music in density but is plainly not music.
/// </summary>
/// <remarks>Immutable; <see cref="Score"/> never allocates (the caller lends a scratch span).</remarks>
public sealed class NoveltyDetector
{
    /// <summary>Standardised values are clamped to ±this, so a single absurd feature cannot dominate (or overflow) the score.</summary>
    public const float ClampStandardised = 50f;

    private readonly float[] _mean;
    private readonly float[] _inverseStd;
    private readonly float[] _basis;
    private readonly float[] _inverseVariances;
    private readonly float[] _rejector;

    /// <param name="mean">Per-feature mean of the training windows.</param>
    /// <param name="std">Per-feature standard deviation (positive).</param>
    /// <param name="basis">Row-major [component × feature] orthonormal principal directions.</param>
    /// <param name="variances">Variance along each component (positive).</param>
    /// <param name="residualVariance">Variance of each remaining direction (positive).</param>
    /// <param name="threshold">Scores above it are not music the model knows.</param>
    /// <param name="rejector">Weights of the linear rejector over the raw features (empty: none); its margin is w·x + <paramref name="rejectorBias"/>.</param>
    /// <param name="rejectorBias">The rejector's bias.</param>
    /// <param name="rejectorThreshold">Margins above it are not music.</param>
    public NoveltyDetector(ReadOnlySpan<float> mean, ReadOnlySpan<float> std, ReadOnlySpan<float> basis, ReadOnlySpan<float> variances, float residualVariance, float threshold, ReadOnlySpan<float> rejector = default, float rejectorBias = 0, float rejectorThreshold = 0)
    {
        var d = mean.Length;
        var k = variances.Length;
        var errors = new List<string>();
        if (d == 0 || std.Length != d || basis.Length != k * d || k >= d)
        {
            errors.Add($"novelty detector shapes disagree: {d} means, {std.Length} deviations, {basis.Length} basis values for {k} components");
        }

        if (!rejector.IsEmpty && rejector.Length != d)
        {
            errors.Add($"the rejector has {rejector.Length} weights for {d} features");
        }

        if (!AllFinite(mean) || !AllFinite(basis) || !float.IsFinite(threshold) || !AllFinite(rejector) || !float.IsFinite(rejectorBias) || !float.IsFinite(rejectorThreshold))
        {
            errors.Add("novelty detector values must be finite");
        }

        if (!AllPositive(std) || !AllPositive(variances) || !(residualVariance > 0) || !float.IsFinite(1f / residualVariance))
        {
            errors.Add("novelty detector deviations and variances must be positive");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors));
        }

        _mean = mean.ToArray();
        Std = std.ToArray();
        _inverseStd = new float[d];
        TensorPrimitives.Reciprocal(Std, _inverseStd);
        _basis = basis.ToArray();
        Variances = variances.ToArray();
        _inverseVariances = new float[k];
        TensorPrimitives.Reciprocal(Variances, _inverseVariances);
        ResidualVariance = residualVariance;
        Threshold = threshold;
        _rejector = rejector.ToArray();
        RejectorBias = rejectorBias;
        RejectorThreshold = rejectorThreshold;
    }

    /// <summary>Whether a linear rejector is part of the detector.</summary>
    public bool HasRejector => _rejector.Length > 0;

    /// <summary>The rejector's weights over the raw features (empty when there is none).</summary>
    public ReadOnlySpan<float> Rejector => _rejector;

    public float RejectorBias { get; }

    /// <summary>Rejector margins above this are not music.</summary>
    public float RejectorThreshold { get; }

    /// <summary>The same detector with a linear rejector (weights over the raw features, bias, threshold).</summary>
    public NoveltyDetector WithRejector(ReadOnlySpan<float> weights, float bias, float threshold) =>
        new(_mean, Std, _basis, Variances, ResidualVariance, Threshold, weights, bias, threshold);

    /// <summary>The rejector's margin for <paramref name="features"/>: larger is less like music; −∞ without a rejector.</summary>
    public float Margin(ReadOnlySpan<float> features)
    {
        if (_rejector.Length == 0)
        {
            return float.NegativeInfinity;
        }

        var margin = TensorPrimitives.Dot(features[..FeatureCount], _rejector) + RejectorBias;
        return float.IsNaN(margin) ? float.PositiveInfinity : margin;
    }

    /// <summary>
    /// Whether <paramref name="features"/> are unknown audio: beyond the density threshold, or beyond the rejector's.
    /// <paramref name="score"/> gets the density score.
    /// </summary>
    public bool IsUnknown(ReadOnlySpan<float> features, Span<float> scratch, out float score)
    {
        score = Score(features, scratch);
        return IsNovel(score) || Margin(features) > RejectorThreshold;
    }

    /// <summary>Length of the feature vector.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Principal components kept.</summary>
    public int Components => Variances.Length;

    /// <summary>Scores above this are "unknown": not one of the genres, or not music.</summary>
    public float Threshold { get; }

    public ReadOnlySpan<float> Mean => _mean;

    public float[] Std { get; }

    public ReadOnlySpan<float> Basis => _basis;

    public float[] Variances { get; }

    public float ResidualVariance { get; }

    /// <summary>The same detector with another threshold.</summary>
    public NoveltyDetector WithThreshold(float threshold) => new(_mean, Std, _basis, Variances, ResidualVariance, threshold, _rejector, RejectorBias, RejectorThreshold);

    /// <summary>Whether <paramref name="score"/> is beyond <see cref="Threshold"/>.</summary>
    public bool IsNovel(float score) => !(score <= Threshold);

    /// <summary>
    /// The novelty score of one feature vector: ½·ln(mean squared Mahalanobis distance per feature) under the
    /// learnt density; about 0 for typical training windows, larger the further away.
    /// </summary>
    /// <param name="features"><see cref="FeatureCount"/> values.</param>
    /// <param name="scratch">Room for <see cref="FeatureCount"/> values.</param>
    public float Score(ReadOnlySpan<float> features, Span<float> scratch)
    {
        var d = FeatureCount;
        var z = scratch[..d];
        TensorPrimitives.Subtract(features[..d], _mean, z);
        TensorPrimitives.Multiply(z, _inverseStd, z);
        TensorPrimitives.Clamp(z, -ClampStandardised, ClampStandardised, z);
        double total = TensorPrimitives.Dot(z, z);
        double explained = 0, inModel = 0;
        ReadOnlySpan<float> basis = _basis;
        for (var c = 0; c < Components; c++)
        {
            double projection = TensorPrimitives.Dot(basis.Slice(c * d, d), z);
            explained += projection * projection;
            inModel += projection * projection * _inverseVariances[c];
        }

        var residual = Math.Max(0, total - explained);
        var distance = (inModel + (residual / ResidualVariance)) / d;
        return float.IsFinite((float)distance) ? (float)(0.5 * Math.Log(Math.Max(distance, 1e-12))) : float.MaxValue;
    }

    /// <summary>
    /// Learns the density of <paramref name="count"/> training windows (row-major, <paramref name="features"/> values each),
    /// with <paramref name="components"/> principal directions and threshold <paramref name="threshold"/> (set it later with <see cref="WithThreshold"/>).
    /// </summary>
    public static NoveltyDetector Fit(ReadOnlySpan<float> rows, int count, int features, int components, float threshold = float.MaxValue)
    {
        if (count < 2 || rows.Length < count * features || components < 1 || components >= features)
        {
            throw new ArgumentException($"a novelty detector needs at least 2 windows and 1 to {features - 1} components");
        }

        var mean = new double[features];
        var square = new double[features];
        for (var n = 0; n < count; n++)
        {
            var row = rows.Slice(n * features, features);
            for (var j = 0; j < features; j++)
            {
                mean[j] += row[j];
                square[j] += (double)row[j] * row[j];
            }
        }

        var meanF = new float[features];
        var stdF = new float[features];
        for (var j = 0; j < features; j++)
        {
            mean[j] /= count;
            var variance = Math.Max(0, (square[j] / count) - (mean[j] * mean[j]));
            meanF[j] = (float)mean[j];
            stdF[j] = (float)Math.Max(Math.Sqrt(variance), 1e-6);
        }

        var z = Matrix<double>.Build.Dense(count, features);
        for (var n = 0; n < count; n++)
        {
            var row = rows.Slice(n * features, features);
            for (var j = 0; j < features; j++)
            {
                z[n, j] = Math.Clamp((row[j] - meanF[j]) / stdF[j], -ClampStandardised, ClampStandardised);
            }
        }

        var covariance = z.TransposeThisAndMultiply(z) / count;
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, features).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var basis = new float[components * features];
        var variances = new float[components];
        for (var c = 0; c < components; c++)
        {
            var column = evd.EigenVectors.Column(order[c]);
            for (var j = 0; j < features; j++)
            {
                basis[(c * features) + j] = (float)column[j];
            }

            variances[c] = (float)Math.Max(evd.EigenValues[order[c]].Real, 1e-6);
        }

        var residual = order.Skip(components).Average(i => Math.Max(evd.EigenValues[i].Real, 0));
        return new NoveltyDetector(meanF, stdF, basis, variances, (float)Math.Max(residual, 1e-6), threshold);
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

    private static bool AllPositive(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!(v > 0) || !float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}

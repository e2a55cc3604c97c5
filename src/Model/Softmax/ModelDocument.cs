using GenreStream.Model.Features;

namespace GenreStream.Model.Softmax;

/// <summary>The JSON shape of a model file (schema <see cref="ModelFile.SchemaVersion"/>).</summary>
public sealed class ModelDocument
{
    public int SchemaVersion { get; set; }

    public string[]? Labels { get; set; }

    public FeatureSpec? FeatureSpec { get; set; }

    /// <summary>Fingerprint of <see cref="FeatureSpec"/> when the file was written (a corruption check).</summary>
    public string? FeatureFingerprint { get; set; }

    public StandardizationDocument? Standardization { get; set; }

    /// <summary>One row of weights per label, over standardised features.</summary>
    public float[][]? Weights { get; set; }

    public float[]? Biases { get; set; }

    public ClipAggregation ClipAggregation { get; set; }

    /// <summary>Multinomial when absent (files written before one-vs-rest models existed).</summary>
    public ModelKind ModelKind { get; set; }

    /// <summary>Temperature dividing the logits (calibration); absent means 1.</summary>
    public float? Temperature { get; set; }

    /// <summary>The novelty detector ("unknown" audio); absent in models trained before it existed.</summary>
    public NoveltyDocument? Novelty { get; set; }

    /// <summary>Content hashes of the clips the model was trained on (path as given → first 16 hex digits of SHA-256), so evaluation can tell held-out data from training data.</summary>
    public Dictionary<string, string>? TrainedOn { get; set; }

    /// <summary>Free-form provenance: how and on what the model was trained.</summary>
    public Dictionary<string, string>? Training { get; set; }
}

/// <summary>Per-feature mean and standard deviation.</summary>
public sealed class StandardizationDocument
{
    public float[]? Mean { get; set; }

    public float[]? Std { get; set; }
}

/// <summary>The JSON shape of a <see cref="Novelty.NoveltyDetector"/>.</summary>
public sealed class NoveltyDocument
{
    public float[]? Mean { get; set; }

    public float[]? Std { get; set; }

    /// <summary>One row per principal component.</summary>
    public float[][]? Basis { get; set; }

    public float[]? Variances { get; set; }

    public float ResidualVariance { get; set; }

    public float Threshold { get; set; }

    /// <summary>The linear rejector's weights over the raw features (absent: none).</summary>
    public float[]? Rejector { get; set; }

    public float RejectorBias { get; set; }

    public float RejectorThreshold { get; set; }
}

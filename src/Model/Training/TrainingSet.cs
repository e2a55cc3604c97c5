namespace GenreStream.Model.Training;

/// <summary>
/// Labelled examples for training: a row-major feature matrix (one row of <see cref="FeatureCount"/> raw,
/// unstandardised features per example), a class index per row and the class names.
/// Immutable once built; the arrays are copied in.
/// </summary>
public sealed class TrainingSet
{
    private readonly float[] _features;
    private readonly int[] _labels;
    private readonly float[] _weights;

    /// <param name="features">Row-major n × d matrix (length n·d).</param>
    /// <param name="featureCount">d, the features per row.</param>
    /// <param name="labels">Class index (0..classes-1) of each of the n rows.</param>
    /// <param name="classNames">The class names; every class must occur at least once.</param>
    /// <exception cref="ArgumentException">Listing every problem found.</exception>
    public TrainingSet(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels, IReadOnlyList<string> classNames)
        : this(features, featureCount, labels, classNames, [])
    {
    }

    /// <param name="features">Row-major n × d matrix (length n·d).</param>
    /// <param name="featureCount">d, the features per row.</param>
    /// <param name="labels">Class index (0..classes-1) of each of the n rows.</param>
    /// <param name="classNames">The class names; every class must occur at least once.</param>
    /// <param name="weights">
    /// Weight of each row in the loss (finite, 0 or more), or empty for 1 each: a row of weight w counts
    /// as w copies of itself (scikit-learn's <c>sample_weight</c>).
    /// </param>
    /// <exception cref="ArgumentException">Listing every problem found.</exception>
    public TrainingSet(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels, IReadOnlyList<string> classNames, ReadOnlySpan<float> weights)
    {
        var errors = new List<string>(Validate(features, featureCount, labels, classNames));
        if (!weights.IsEmpty)
        {
            if (weights.Length != labels.Length)
            {
                errors.Add($"{weights.Length} weights for {labels.Length} rows");
            }

            foreach (var w in weights)
            {
                if (!float.IsFinite(w) || w < 0)
                {
                    errors.Add("weights must be finite and 0 or more");
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid training set: " + string.Join("; ", errors));
        }

        _features = features.ToArray();
        _labels = labels.ToArray();
        _weights = weights.ToArray();
        FeatureCount = featureCount;
        ClassNames = classNames.ToArray();
    }

    /// <summary>n, the number of examples.</summary>
    public int Count => _labels.Length;

    /// <summary>d, the features per example.</summary>
    public int FeatureCount { get; }

    public int ClassCount => ClassNames.Count;

    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The whole row-major n × d matrix.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>Class index of each row.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>Weight of each row, or empty when every row weighs 1.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>The features of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index) => _features.AsSpan(index * FeatureCount, FeatureCount);

    /// <summary>Every problem with the given arrays, in one list (empty when they make a valid set).</summary>
    public static IReadOnlyList<string> Validate(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels, IReadOnlyList<string> classNames)
    {
        var errors = new List<string>();
        if (featureCount < 1)
        {
            errors.Add($"feature count {featureCount} must be at least 1");
        }

        if (classNames.Count < 2)
        {
            errors.Add($"at least 2 classes are needed, not {classNames.Count}");
        }

        if (classNames.Distinct(StringComparer.Ordinal).Count() != classNames.Count || classNames.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("class names must be distinct and non-empty");
        }

        if (labels.Length == 0)
        {
            errors.Add("the set has no rows");
        }

        if (featureCount >= 1 && features.Length != (long)labels.Length * featureCount)
        {
            errors.Add($"{features.Length} feature values do not make {labels.Length} rows of {featureCount}");
        }

        var nonFinite = 0;
        var firstNonFinite = -1;
        for (var i = 0; i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                firstNonFinite = firstNonFinite < 0 ? i : firstNonFinite;
                nonFinite++;
            }
        }

        if (nonFinite > 0)
        {
            var row = featureCount >= 1 ? firstNonFinite / featureCount : 0;
            var column = featureCount >= 1 ? firstNonFinite % featureCount : firstNonFinite;
            errors.Add($"{nonFinite} feature values are NaN or infinite (first at row {row}, feature {column})");
        }

        var present = new bool[classNames.Count];
        var outOfRange = 0;
        foreach (var label in labels)
        {
            if ((uint)label < (uint)present.Length)
            {
                present[label] = true;
            }
            else
            {
                outOfRange++;
            }
        }

        if (outOfRange > 0)
        {
            errors.Add($"{outOfRange} labels are outside 0..{classNames.Count - 1}");
        }

        var empty = classNames.Where((_, k) => !present[k]).ToArray();
        if (labels.Length > 0 && empty.Length > 0)
        {
            errors.Add($"no examples of class{(empty.Length > 1 ? "es" : string.Empty)} {string.Join(", ", empty)}");
        }

        return errors;
    }
}

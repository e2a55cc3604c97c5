using System.Text.Json;
using GenreStream.Model.Features;
using GenreStream.Model.Files;
using GenreStream.Model.Novelty;

namespace GenreStream.Model.Softmax;

/// <summary>Reads and writes <see cref="SoftmaxModel"/>s as JSON files with a schema version.</summary>
public static class ModelFile
{
    /// <summary>The schema this build reads and writes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// Loads a model. Every failure is a <see cref="ModelFormatException"/> with a one-line message
    /// naming the file and the problem.
    /// </summary>
    /// <param name="path">The model file.</param>
    /// <param name="expectedSpec">When given, the features the caller's pipeline computes: a model for other features is refused.</param>
    public static SoftmaxModel Load(string path, FeatureSpec? expectedSpec = null)
    {
        string json;
        try
        {
            json = FileLimits.ReadAllText(path, FileLimits.ModelBytes, "a model file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFormatException($"cannot read model file {path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message)}", e);
        }

        try
        {
            return Parse(json, expectedSpec);
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"model file {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The content hashes of the recordings a model file says it was trained on (path → hash; empty when it does
    /// not say). Reads only what <see cref="Load"/> already accepted; a file it cannot read gives an empty set.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TrainedOn(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(FileLimits.ReadAllText(path, FileLimits.ModelBytes, "a model file"), ModelJsonContext.Default.ModelDocument)?.TrainedOn ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or ArgumentException or NotSupportedException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>Parses a model from JSON text (see <see cref="Load"/>).</summary>
    public static SoftmaxModel Parse(string json, FeatureSpec? expectedSpec = null)
    {
        ModelDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ModelDocument);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : string.Empty;
            throw new ModelFormatException($"not a valid model JSON document{where}: {FirstLine(e.Message)}", e);
        }

        if (doc is null)
        {
            throw new ModelFormatException("empty model document");
        }

        if (doc.SchemaVersion != SchemaVersion)
        {
            throw new ModelFormatException($"schema version {doc.SchemaVersion} is not supported (this build reads version {SchemaVersion})");
        }

        var missing = new List<string>();
        if (doc.Labels is null) missing.Add("labels");
        if (doc.FeatureSpec is null) missing.Add("featureSpec");
        if (doc.Standardization?.Mean is null) missing.Add("standardization.mean");
        if (doc.Standardization?.Std is null) missing.Add("standardization.std");
        if (doc.Weights is null) missing.Add("weights");
        if (doc.Biases is null) missing.Add("biases");
        if (missing.Count > 0)
        {
            throw new ModelFormatException("missing " + string.Join(", ", missing));
        }

        if (!Enum.IsDefined(doc.ClipAggregation) || !Enum.IsDefined(doc.ModelKind))
        {
            throw new ModelFormatException($"unknown clipAggregation {doc.ClipAggregation} or modelKind {doc.ModelKind}");
        }

        var spec = doc.FeatureSpec!;
        if (doc.FeatureFingerprint is { } stored && !string.Equals(stored, spec.Fingerprint, StringComparison.Ordinal))
        {
            throw new ModelFormatException($"its feature fingerprint {stored} does not match its feature spec ({spec.Fingerprint}): the file was edited or is corrupt");
        }

        if (spec.Version != FeatureSpec.CurrentVersion)
        {
            throw new ModelFormatException($"it was trained on feature code v{spec.Version}, but this build computes v{FeatureSpec.CurrentVersion}: retrain it with 'genre train'");
        }

        var specErrors = spec.Validate();
        if (specErrors.Count > 0)
        {
            throw new ModelFormatException("invalid feature spec: " + string.Join("; ", specErrors));
        }

        if (expectedSpec is not null && expectedSpec.Fingerprint != spec.Fingerprint)
        {
            throw new ModelFormatException($"the model expects features {spec.Describe()} [{spec.Fingerprint}], but the pipeline computes {expectedSpec.Describe()} [{expectedSpec.Fingerprint}]");
        }

        var labels = doc.Labels!;
        var rows = doc.Weights!;
        var d = spec.VectorLength;
        if (rows.Length != labels.Length || rows.Any(r => r is null || r.Length != d))
        {
            throw new ModelFormatException($"weights must be {labels.Length} rows of {d} values (one per label, one per feature)");
        }

        var flat = new float[labels.Length * d];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k].CopyTo(flat, k * d);
        }

        return new SoftmaxModel(labels, spec, doc.Standardization!.Mean, doc.Standardization.Std, flat, doc.Biases, doc.ClipAggregation, doc.ModelKind, doc.Temperature ?? 1f, ReadNovelty(doc.Novelty, d));
    }

    private static NoveltyDetector? ReadNovelty(NoveltyDocument? doc, int features)
    {
        if (doc is null)
        {
            return null;
        }

        if (doc.Mean is null || doc.Std is null || doc.Basis is null || doc.Variances is null || doc.Basis.Any(r => r is null || r.Length != features))
        {
            throw new ModelFormatException($"novelty needs mean, std, variances and basis rows of {features} values");
        }

        try
        {
            return new NoveltyDetector(doc.Mean, doc.Std, doc.Basis.SelectMany(r => r).ToArray(), doc.Variances, doc.ResidualVariance, doc.Threshold, doc.Rejector, doc.RejectorBias, doc.RejectorThreshold);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException(e.Message, e);
        }
    }

    /// <summary>Writes <paramref name="model"/> as JSON (atomically: to a temporary file, then renamed).</summary>
    public static void Save(SoftmaxModel model, string path, IReadOnlyDictionary<string, string>? training = null, IReadOnlyDictionary<string, string>? trainedOn = null)
    {
        var json = Serialize(model, training, trainedOn);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        WriteAtomically(path, json);
    }

    /// <summary>
    /// Writes <paramref name="text"/> to a uniquely named temporary file beside <paramref name="path"/>,
    /// flushes it to disk and renames it over <paramref name="path"/>: readers see the old file or the
    /// new one, never half of one. The temporary file is removed if anything fails.
    /// </summary>
    public static void WriteAtomically(string path, string text)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The JSON text of <paramref name="model"/>.</summary>
    public static string Serialize(SoftmaxModel model, IReadOnlyDictionary<string, string>? training = null, IReadOnlyDictionary<string, string>? trainedOn = null)
    {
        var d = model.FeatureCount;
        var rows = new float[model.ClassCount][];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = model.Weights.Slice(k * d, d).ToArray();
        }

        var doc = new ModelDocument
        {
            SchemaVersion = SchemaVersion,
            Labels = [.. model.Labels],
            FeatureSpec = model.Spec,
            FeatureFingerprint = model.Spec.Fingerprint,
            Standardization = new StandardizationDocument { Mean = model.Mean.ToArray(), Std = model.StandardDeviation.ToArray() },
            Weights = rows,
            Biases = model.Biases.ToArray(),
            ClipAggregation = model.Aggregation,
            ModelKind = model.Kind,
            Temperature = model.Temperature,
            Training = training is null ? null : new Dictionary<string, string>(training),
            TrainedOn = trainedOn is null ? null : new Dictionary<string, string>(trainedOn),
            Novelty = model.Novelty is not { } novelty ? null : new NoveltyDocument
            {
                Mean = novelty.Mean.ToArray(),
                Std = novelty.Std,
                Basis = Enumerable.Range(0, novelty.Components).Select(c => novelty.Basis.Slice(c * d, d).ToArray()).ToArray(),
                Variances = novelty.Variances,
                ResidualVariance = novelty.ResidualVariance,
                Threshold = novelty.Threshold,
                Rejector = novelty.HasRejector ? novelty.Rejector.ToArray() : null,
                RejectorBias = novelty.RejectorBias,
                RejectorThreshold = novelty.RejectorThreshold,
            },
        };
        return JsonSerializer.Serialize(doc, ModelJsonContext.Default.ModelDocument);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}

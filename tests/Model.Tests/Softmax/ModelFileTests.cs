using System.Text.Json.Nodes;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;

namespace GenreStream.Model.Tests.Softmax;

public class ModelFileTests
{
    private static readonly SoftmaxModel Model = TestModels.Random();

    private static JsonObject Document() => JsonNode.Parse(ModelFile.Serialize(Model))!.AsObject();

    private static ModelFormatException Fails(string json) =>
        Assert.Throws<ModelFormatException>(() => ModelFile.Parse(json));

    [Fact]
    public void Round_trips_every_parameter_and_predicts_the_same()
    {
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.json");
        try
        {
            ModelFile.Save(Model, path, new Dictionary<string, string> { ["note"] = "test" });
            var loaded = ModelFile.Load(path);
            Assert.Equal(Model.Labels, loaded.Labels);
            Assert.Equal(Model.Spec, loaded.Spec);
            Assert.True(Model.Weights.SequenceEqual(loaded.Weights));
            Assert.True(Model.Mean.SequenceEqual(loaded.Mean));
            Assert.True(Model.StandardDeviation.SequenceEqual(loaded.StandardDeviation));
            Assert.True(Model.Biases.SequenceEqual(loaded.Biases));

            var x = Enumerable.Range(0, Model.FeatureCount).Select(i => (float)Math.Sin(i)).ToArray();
            var a = new float[10];
            var b = new float[10];
            Model.PredictProbabilities(x, a, new float[Model.FeatureCount]);
            loaded.PredictProbabilities(x, b, new float[Model.FeatureCount]);
            Assert.Equal(a, b);
            Assert.Equal(1.0, a.Sum(v => (double)v), 1e-6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Load("/nonexistent/model.json"));
        Assert.Contains("/nonexistent/model.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_reported_as_not_valid_json()
    {
        var json = ModelFile.Serialize(Model);
        Assert.Contains("not a valid model JSON", Fails(json[..(json.Length / 2)]).Message, StringComparison.Ordinal);
        Assert.Contains("not a valid model JSON", Fails("garbage").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schema_version_is_refused_with_both_versions()
    {
        var doc = Document();
        doc["schemaVersion"] = 99;
        var message = Fails(doc.ToJsonString()).Message;
        Assert.Contains("99", message, StringComparison.Ordinal);
        Assert.Contains(ModelFile.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_dimensions_are_refused()
    {
        var doc = Document();
        doc["weights"]!.AsArray()[3]!.AsArray().RemoveAt(0);
        Assert.Contains("weights", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);

        doc = Document();
        doc["biases"]!.AsArray().RemoveAt(0);
        Assert.Contains("biases", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);

        doc = Document();
        doc["standardization"]!["mean"]!.AsArray().RemoveAt(0);
        Assert.Contains("standardisation", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_weights_are_refused()
    {
        var json = ModelFile.Serialize(Model);
        var doc = JsonNode.Parse(json)!.AsObject();
        var first = doc["weights"]![0]![0]!.ToJsonString();
        var tampered = json.Replace("\"weights\":[[" + first, "\"weights\":[[\"NaN\"", StringComparison.Ordinal);
        Assert.NotEqual(json, tampered);
        Assert.Contains("NaN", Fails(tampered).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fields_are_listed_together()
    {
        var doc = Document();
        doc.Remove("labels");
        doc.Remove("biases");
        var message = Fails(doc.ToJsonString()).Message;
        Assert.Contains("labels", message, StringComparison.Ordinal);
        Assert.Contains("biases", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_feature_spec_no_longer_matches_its_fingerprint()
    {
        var doc = Document();
        doc["featureSpec"]!["hopSize"] = 256;
        Assert.Contains("fingerprint", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_for_other_features_than_the_pipeline_computes_says_which()
    {
        var json = ModelFile.Serialize(Model);
        var other = FeatureSpec.Default with { MelBands = 64 };
        var message = Assert.Throws<ModelFormatException>(() => ModelFile.Parse(json, other)).Message;
        Assert.Contains(Model.Spec.Fingerprint, message, StringComparison.Ordinal);
        Assert.Contains(other.Fingerprint, message, StringComparison.Ordinal);
        Assert.Contains("64 mel", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_from_older_feature_code_is_refused()
    {
        var doc = Document();
        doc["featureSpec"]!["version"] = 0;
        doc.Remove("featureFingerprint");
        Assert.Contains("retrain", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enum_numbers_and_absurd_temperatures_are_refused()
    {
        var doc = Document();
        doc["clipAggregation"] = 7;
        Assert.Contains("clipAggregation", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);

        doc = Document();
        doc["temperature"] = 1e-30;
        Assert.Contains("temperature", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);

        doc = Document();
        doc["featureSpec"]!["kind"] = 2;
        doc.Remove("featureFingerprint");
        Assert.Contains("kind", Fails(doc.ToJsonString()).Message, StringComparison.Ordinal);
    }
}

using GenreStream.Model.Softmax;

namespace GenreStream.Plugin;

/// <summary>The model in <c>config/genre-model.json</c>, embedded in the library at build time.</summary>
internal static class BundledModel
{
    private const string ResourceName = "genre-model.json";

    private static readonly Lazy<SoftmaxModel> LazyModel = new(Load);

    /// <summary>The parsed model, shared by every instance (a model is immutable and thread-safe).</summary>
    public static SoftmaxModel Model => LazyModel.Value;

    /// <summary>The model at <paramref name="path"/>, or the bundled one when it is null or empty.</summary>
    public static SoftmaxModel Open(string? path) =>
        string.IsNullOrEmpty(path) ? Model : ModelFile.Load(path);

    private static SoftmaxModel Load()
    {
        using var stream = typeof(BundledModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new ModelFormatException($"the library holds no {ResourceName} resource");
        using var reader = new StreamReader(stream);
        return ModelFile.Parse(reader.ReadToEnd());
    }
}

namespace GenreStream.Model.Softmax;

/// <summary>
/// The model the project ships, <c>config/genre-model.json</c>, embedded in this assembly at build time: what the
/// plugin and C API classify with when given no model file, and what the benchmarks measure.
/// </summary>
public static class BundledModel
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

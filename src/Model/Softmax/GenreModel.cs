namespace GenreStream.Model.Softmax;

/// <summary>
/// Where an application gets a genre model: the one the library ships (embedded in this assembly, so no file is needed),
/// or a model file trained with <c>genre train</c>.
/// </summary>
public static class GenreModel
{
    /// <summary>The bundled model (ten GTZAN genres plus "unknown"); parsed once, shared, immutable and thread-safe.</summary>
    public static SoftmaxModel LoadBundled() => BundledModel.Model;

    /// <summary>The model file at <paramref name="path"/>.</summary>
    /// <exception cref="ModelFormatException">The file is missing, corrupt, or for other features than this library computes.</exception>
    public static SoftmaxModel Load(string path) => ModelFile.Load(path);
}

using GenreStream.Model.Softmax;

namespace GenreStream.Benchmarks;

/// <summary>The model the project ships (config/genre-model.json), found beside the program or in a folder above it.</summary>
internal static class BundledModel
{
    public static SoftmaxModel Load()
    {
        // BenchmarkDotNet runs each benchmark from a generated project below this one's output, so look upwards.
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "config", "genre-model.json");
            if (File.Exists(path))
            {
                return ModelFile.Load(path);
            }
        }

        throw new FileNotFoundException($"config/genre-model.json is neither beside {AppContext.BaseDirectory} nor in a folder above it");
    }
}

using System.Diagnostics;
using System.Text.Json;
using GenreStream.Model.Softmax;
using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Cli;

/// <summary>
/// The bundled model damaged (<see cref="DamagedModels"/>) and given to <c>genre classify --model</c>: a
/// model that loads classifies a clip sanely in bounded time and memory; one that does not is one line
/// naming the file (exit 1).
/// </summary>
public sealed class DamagedModelClassifyTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_damaged_model_that_loads_classifies_sanely_and_a_sample_of_the_rest_is_one_line()
    {
        var bundled = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "genre-model.json"));
        var clip = _temp.Write("clip.wav", new WavFileBuilder { SampleRate = 22050 }.Build(Signals.MusicLike(22050, 4, seed: 5)));
        var clock = Stopwatch.StartNew();
        var (loaded, refused) = (0, 0);
        var index = 0;
        foreach (var (description, json) in DamagedModels.Generate(bundled, Seed))
        {
            var path = _temp.Write($"model-{index}.json", System.Text.Encoding.UTF8.GetBytes(json));
            var loads = Loads(path);
            if (loads || index % 20 == 0)
            {
                var what = $"seed {Seed}, model mutation #{index} ({description})";
                var run = Stopwatch.StartNew();
                var result = CliRunner.Run(["classify", "--json", "--model", path, clip]);
                Assert.True(run.Elapsed < TimeSpan.FromSeconds(30), $"{what}: classify took {run.Elapsed.TotalSeconds:F0} s");
                if (loads)
                {
                    Assert.True(result.ExitCode == 0, $"{what}: exit code {result.ExitCode}: {result.Error}");
                    using var doc = JsonDocument.Parse(Assert.Single(result.OutLines));
                    var p = doc.RootElement.GetProperty("probabilities").EnumerateObject().Select(e => e.Value.GetDouble()).ToArray();
                    Assert.True(p.All(double.IsFinite) && Math.Abs(p.Sum() - 1) < 1e-4, $"{what}: probabilities {string.Join(",", p)}");
                    loaded++;
                }
                else
                {
                    Assert.True(result.ExitCode == 1, $"{what}: exit code {result.ExitCode}");
                    var line = Assert.Single(result.ErrorLines);
                    Assert.True(line.StartsWith("genre: ", StringComparison.Ordinal) && line.Contains(path, StringComparison.Ordinal), $"{what}: '{line}'");
                    refused++;
                }
            }

            File.Delete(path);
            index++;
        }

        output.WriteLine($"{index} damaged models (seed {Seed}); {loaded} that load and {refused} that do not through classify, in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static bool Loads(string path)
    {
        try
        {
            ModelFile.Load(path);
            return true;
        }
        catch (ModelFormatException)
        {
            return false;
        }
    }
}

using GenreStream.TestSupport;
using Xunit.Abstractions;

namespace GenreStream.Host.Tests.Cli;

/// <summary>Tests that measure the whole process's allocations, so nothing else may run beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMeasurements
{
    public const string Name = "process-wide measurements";
}

/// <summary><c>genre classify</c> on damaged files whose size fields claim up to 4 GB allocates what the file holds, not what it claims.</summary>
[Collection(ProcessWideMeasurements.Name)]
public sealed class DamagedInputMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_250_801;

    /// <summary>A classify run of a small file (settings, model, pipeline) allocates a few MB; a declared size would be up to 4 GB.</summary>
    private const long Bound = 64L << 20;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_huge_declared_size_is_not_allocated_by_classify()
    {
        var huge = DamagedAudio.Generate(Seed, 2_000).Where(i => i.HugeDeclaredSize && i.Container != DamagedContainer.Raw).Take(40).ToList();
        Assert.True(huge.Count >= 20, $"only {huge.Count} inputs with a huge declared size");
        CliRunner.Run(["classify", _temp.Write("warm-up.wav", new WavFileBuilder().Build(new float[8000]))]);
        long most = 0;
        foreach (var input in huge)
        {
            var path = _temp.Write(input.FileName, input.Bytes);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var result = CliRunner.Run(["classify", path]);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.True(result.ExitCode is 0 or 3, $"{input}: exit code {result.ExitCode}");
            Assert.True(allocated < Bound, $"{input}: classify allocated {allocated >> 20} MB");
            most = Math.Max(most, allocated);
        }

        output.WriteLine($"{huge.Count} files with huge declared sizes (seed {Seed}); the most any classify run allocated: {most / 1e6:F1} MB");
    }
}

using BenchmarkDotNet.Running;

namespace GenreStream.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (e.g. <c>--filter '*Fft*'</c>; with no arguments, asks).</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

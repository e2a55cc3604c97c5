namespace GenreStream.Host.Bench;

/// <summary>
/// The audio the benchmark feeds the pipeline: made here, deterministic, so every machine measures the same
/// work without needing a recording. A chord whose root moves every half second, with a noise "drum"
/// on every beat at 120 BPM, so every feature (pitch, onsets, rhythm, spectral shape) has something to do.
/// </summary>
internal static class BenchSignal
{
    /// <summary>Samples per block pushed into the pipeline (as <c>genre listen</c> reads, about 46 ms at 22050 Hz).</summary>
    public const int BlockSamples = 1024;

    /// <summary>
    /// About <paramref name="seconds"/> of mono audio at <paramref name="sampleRate"/> Hz, rounded up to whole
    /// <see cref="BlockSamples"/> blocks so the signal can be looped block by block.
    /// </summary>
    public static float[] Create(int sampleRate, double seconds = 30)
    {
        var blocks = (int)Math.Ceiling(seconds * sampleRate / BlockSamples);
        var x = new float[blocks * BlockSamples];
        var beat = sampleRate / 2;
        uint noise = 12345;
        ReadOnlySpan<int> roots = [0, 5, 7, 3, 10, 8];
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / sampleRate;
            var root = 110 * Math.Pow(2, roots[(int)(t * 2) % roots.Length] / 12.0);
            var chord = (0.25 * Math.Sin(2 * Math.PI * root * t))
                + (0.15 * Math.Sin(2 * Math.PI * root * 1.25 * t))
                + (0.12 * Math.Sin(2 * Math.PI * root * 1.5 * t))
                + (0.05 * Math.Sin(2 * Math.PI * root * 4 * t));
            noise = (noise * 1664525) + 1013904223;
            var white = (noise / (double)uint.MaxValue * 2) - 1;
            var drum = Math.Exp(-(i % beat) / (0.03 * sampleRate)) * 0.3 * white;
            x[i] = (float)(chord + drum + (0.01 * white));
        }

        return x;
    }
}

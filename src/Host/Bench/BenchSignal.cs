namespace GenreStream.Host.Bench;

/// <summary>
/// The audio the benchmark feeds the pipeline: made here, deterministic, so every machine measures the same
/// work without needing a recording. A chord whose root moves every half second, with a noise "drum"
/// on every beat at 120 BPM, so every feature (pitch, onsets, rhythm, spectral shape) has something to do.
/// Other seeds (one per stream of <c>--streams</c>) transpose the chords, change the tempo and the noise.
/// </summary>
internal static class BenchSignal
{
    /// <summary>Samples per block pushed into the pipeline (as <c>genre listen</c> reads, about 46 ms at 22050 Hz).</summary>
    public const int BlockSamples = 1024;

    /// <summary>
    /// About <paramref name="seconds"/> of mono audio at <paramref name="sampleRate"/> Hz, rounded up to whole
    /// <see cref="BlockSamples"/> blocks so the signal can be looped block by block. Seed 0 is the one-stream
    /// signal (120 BPM, chords from A2); seed <c>s</c> moves the key by <c>7s</c> semitones (round the circle
    /// of fifths), the tempo to <c>120 + 6 (s mod 5)</c> BPM, and starts the noise elsewhere.
    /// </summary>
    public static float[] Create(int sampleRate, double seconds = 30, int seed = 0)
    {
        var blocks = (int)Math.Ceiling(seconds * sampleRate / BlockSamples);
        var x = new float[blocks * BlockSamples];
        var beat = sampleRate * 60 / (120 + (6 * (seed % 5)));
        var transpose = 7 * seed % 12;
        uint noise = 12345 + (2654435761u * (uint)seed);
        ReadOnlySpan<int> roots = [0, 5, 7, 3, 10, 8];
        var semitone = -1;
        var root = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var t = (double)i / sampleRate;

            // The root changes every half second: its power of two only then (this builds a thousand streams' signals).
            var step = roots[(int)(t * 2) % roots.Length] + transpose;
            if (step != semitone)
            {
                semitone = step;
                root = 110 * Math.Pow(2, step / 12.0);
            }

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

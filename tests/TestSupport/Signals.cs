namespace GenreStream.TestSupport;

/// <summary>Synthetic test signals: everything the tests need is made here, never copied from elsewhere.</summary>
public static class Signals
{
    /// <summary>A sine of <paramref name="frequencyHz"/> with peak <paramref name="amplitude"/>, <paramref name="count"/> samples long.</summary>
    public static float[] Sine(double frequencyHz, int sampleRate, int count, double amplitude = 0.5, double phase = 0)
    {
        var x = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = (float)(amplitude * Math.Sin((2 * Math.PI * frequencyHz * i / sampleRate) + phase));
        }

        return x;
    }

    /// <summary>Uniform white noise in [-amplitude, amplitude) from a fixed seed.</summary>
    public static float[] WhiteNoise(int count, int seed, double amplitude = 0.5)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = (float)(amplitude * ((random.NextDouble() * 2) - 1));
        }

        return x;
    }

    /// <summary>A crude "music-like" test signal: a few harmonics with a moving pitch, noise bursts as a beat.</summary>
    public static float[] MusicLike(int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var count = (int)(seconds * sampleRate);
        var x = new float[count];
        var beat = sampleRate / 2;
        for (var i = 0; i < count; i++)
        {
            var t = (double)i / sampleRate;
            var f0 = 220 * Math.Pow(2, Math.Floor(t * 2) % 5 / 12.0);
            var tone = (0.3 * Math.Sin(2 * Math.PI * f0 * t)) + (0.1 * Math.Sin(2 * Math.PI * 2 * f0 * t)) + (0.05 * Math.Sin(2 * Math.PI * 3 * f0 * t));
            var envelope = Math.Exp(-(i % beat) / (0.05 * sampleRate));
            x[i] = (float)(tone + (0.2 * envelope * ((random.NextDouble() * 2) - 1)));
        }

        return x;
    }
}

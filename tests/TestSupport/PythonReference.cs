using System.Diagnostics;
using System.Text.Json;
using GenreStream.Model.Features;

namespace GenreStream.TestSupport;

/// <summary>
/// Runs the independent numpy/scipy reference (<c>Reference/features.py</c>) with Debian's
/// <c>/usr/bin/python3</c>. CI installs python3-numpy and python3-scipy; elsewhere the tests that
/// need it are skipped with a message saying so.
/// </summary>
public static class PythonReference
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Null when the reference can run, else why not.</summary>
    public static string? WhyUnavailable { get; } = Probe();

    /// <summary>Per-frame features and texture vectors of <paramref name="signal"/> by the numpy reference.</summary>
    public static (float[][] Frames, float[][] Textures) Features(FeatureSpec spec, float[] signal)
    {
        var directory = Directory.CreateTempSubdirectory("genre-ref-");
        try
        {
            var input = Path.Combine(directory.FullName, "signal.f32");
            var output = Path.Combine(directory.FullName, "features.f32");
            File.WriteAllBytes(input, System.Runtime.InteropServices.MemoryMarshal.AsBytes(signal.AsSpan()).ToArray());
            var specJson = JsonSerializer.Serialize(new
            {
                sampleRate = spec.SampleRate,
                frameSize = spec.FrameSize,
                hopSize = spec.HopSize,
                melBands = spec.MelBands,
                cepstrumMelBands = spec.CepstrumMelBands,
                mfccCount = spec.MfccCount,
                melMinHz = spec.MelMinHz,
                melMaxHz = spec.MelMaxHz,
                includeLogMel = spec.IncludeLogMel,
                rolloffFraction = spec.RolloffFraction,
                chromaMinHz = spec.ChromaMinHz,
                chromaMaxHz = spec.ChromaMaxHz,
                textureSeconds = spec.TextureSeconds,
                textureHopSeconds = spec.TextureHopSeconds,
                logFrequencies = spec.LogFrequencies,
                mfccDeltas = spec.MfccDeltas,
                rhythm = spec.Rhythm,
                modulationGroups = spec.ModulationGroups,
                mfccCorrelations = spec.MfccCorrelations,
                logDeviations = spec.LogDeviations,
                bandLimitHz = spec.BandLimitHz,
                spectralFloorDecibels = spec.SpectralFloorDecibels,
            });
            var stdout = Run(Script("features.py"), specJson, input, output);
            using var shapes = JsonDocument.Parse(stdout);
            var frameShape = shapes.RootElement.GetProperty("frames").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var textureShape = shapes.RootElement.GetProperty("textures").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var all = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray();
            var frames = Rows(all, 0, frameShape[0], frameShape[1]);
            var textures = Rows(all, frameShape[0] * frameShape[1], textureShape[0], textureShape[1]);
            return (frames, textures);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs a script from <c>Reference/</c> and returns its standard output; throws with its stderr on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout;
    }

    /// <summary>Full path of a script shipped in <c>Reference/</c>.</summary>
    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Reference", name);

    private static float[][] Rows(float[] all, int offset, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(r => all.AsSpan(offset + (r * columns), columns).ToArray()).ToArray();

    private static string? Probe()
    {
        if (!File.Exists(Interpreter))
        {
            return $"{Interpreter} not found (apt-get install python3-numpy python3-scipy python3-sklearn)";
        }

        try
        {
            var start = new ProcessStartInfo(Interpreter, ["-c", "import numpy, scipy"]) { RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"numpy/scipy missing for {Interpreter} (apt-get install python3-numpy python3-scipy): {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot run {Interpreter}: {e.Message}";
        }
    }
}

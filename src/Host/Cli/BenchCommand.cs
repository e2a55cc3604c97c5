using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GenreStream.Host.Bench;
using GenreStream.Host.Settings;
using GenreStream.Model.Features;
using GenreStream.Model.Softmax;

namespace GenreStream.Host.Cli;

/// <summary><c>genre bench</c>: how fast the pipeline runs on this machine, stage by stage and end to end.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Wall time to measure for, in seconds, split between the stage profile (30%), one stream on one thread (40%) and one stream per core (30%); a fifth of each part is warm-up. More is steadier. " +
                "With --streams, the N-stream run takes 40% and the other three share the rest in the same proportions (building the N streams comes on top: about 2 s for 1000 on 2 cores).",
            HelpName = "seconds",
            DefaultValueFactory = _ => 10,
        };
        seconds.Validators.Add(r =>
        {
            // A token that is not a number already has its parse error; only range-check numbers.
            if (r.Tokens is [var token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && (!(s > 0) || s > 3600))
            {
                r.AddError($"--seconds must be a number of seconds above 0 and at most 3600, not {token.Value}");
            }
        });
        var streams = new Option<int?>("--streams")
        {
            Description = $"Also run N independent streams at once (1 to {MultiStreamRun.MaxStreams}), each its own pipeline on its own generated signal, " +
                "on a pool of one worker thread per core (fewer if N is smaller) whose workers take the streams in one shared round, one block (1024 samples) each; no thread per stream. " +
                "Reports each stream's real-time factor (seconds of audio per second of wall time; min, median, max, and all of them in JSON), their sum, " +
                "the real-time streams per core (the sum over the logical cores) and the CPU time: multi_stream in --json.",
            HelpName = "N",
        };
        streams.CustomParser = r =>
        {
            if (r.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MultiStreamRun.MaxStreams)
            {
                return n;
            }

            r.AddError($"--streams must be a whole number of streams from 1 to {MultiStreamRun.MaxStreams}, not {string.Join(' ', r.Tokens.Select(t => t.Value))}");
            return null;
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of the table: realtime_factor_one_thread, bytes_per_window, p99_window_latency_ms, stages (ns per window: framing_fft, features, texture, model, total) and more; with --streams, multi_stream (streams, workers, realtime_factor_per_stream, realtime_factor_per_stream_min/_median/_max, realtime_factor_total, realtime_streams_per_core, cpu_seconds, cpu_utilisation, cpu_share_per_realtime_stream).",
        };
        var model = new Option<string?>("--model", "-m") { Description = "Model file (JSON). Default: the bundled model named in config/settings.json.", HelpName = "path" };
        var command = new Command(
            "bench",
            "Measure the pipeline on this machine with generated music-like audio (mono, at the model's rate, in blocks of 1024 samples): " +
            "nanoseconds per window for each stage (framing + FFT, mel/MFCC and the other frame features, texture aggregation, model), " +
            "bytes allocated per window once warm, the real-time factor of one stream on one thread (seconds of audio per second of CPU), " +
            "the throughput of one stream per core, and the p99 latency from a window's last block to its event. " +
            "A window is one classification step (about 1.5 s of audio, 65 frames). Goals: at least 2000x real time on one thread, 0 bytes per window, p99 latency under 1 ms.")
        {
            seconds, streams, json, model,
        };
        command.SetAction(parse =>
        {
            SoftmaxModel loaded;
            double smoothing;
            try
            {
                var settings = GenreSettings.Load(context.ConfigDirectory);
                loaded = ModelFile.Load(parse.GetValue(model) ?? settings.ModelPath);
                smoothing = settings.SmoothingSeconds;
            }
            catch (Exception e) when (e is ModelFormatException or SettingsException)
            {
                context.Error.WriteLine($"genre bench: {e.Message}");
                return ExitCodes.SetupFailed;
            }

            if (loaded.Spec.Kind != FeatureKind.Spectral)
            {
                context.Error.WriteLine($"genre bench: the model's features are {loaded.Spec.Kind} (one vector per whole clip), which has no per-window stages to measure; give a model with spectral features");
                return ExitCodes.SetupFailed;
            }

            var report = BenchRunner.Run(loaded, smoothing, parse.GetValue(seconds), parse.GetValue(streams));
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport));
            }
            else
            {
                BenchTable.Write(report, context.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

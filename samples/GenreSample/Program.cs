using GenreStream.Model.Softmax;
using GenreStream.NAudio;
using GenreStream.Streaming;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Sources.Pulse;
using GenreStream.Streaming.Tracking;
using NAudio.Wave;

var model = GenreModel.LoadBundled();                                   // embedded in the package: no file
if (args is [var path])
{
    using var wav = new WaveFileReader(path);                           // any NAudio IWaveProvider / ISampleProvider
    var clip = wav.ClassifyGenre(model);
    Console.WriteLine($"{path}: {clip.TopLabel} ({clip.Status}, {clip.Probabilities[clip.TopIndex]:P0})");
    return;
}

// Live, what the computer is playing: WASAPI loopback on Windows, the PulseAudio/PipeWire monitor on Linux.
Func<ISampleReader> open = OperatingSystem.IsWindows() ? WindowsLoopback : () => new PulseCaptureReader("@DEFAULT_MONITOR@", model.Spec.SampleRate);
using var live = LiveCapture.Read(open, state => Console.Error.WriteLine($"source {state.State}"))
    .PredictTracked(model, TrackingOptions.Default)
    .Subscribe(p => Console.WriteLine($"{p.TimeSeconds,6:F1} s  {(p.Current >= 0 ? model.Labels[p.Current] : "-")}  {p.Status}"));
Console.ReadLine();

static ISampleReader WindowsLoopback()
{
    if (!OperatingSystem.IsWindows()) throw new PlatformNotSupportedException();
    var recorder = new WasapiRecorderBuilder().WithLoopbackCapture().Build();    // NAudio 3: what the default output plays
    var reader = new PushSampleReader(recorder.WaveFormat, stop: recorder.Dispose);
    recorder.DataAvailable += (data, _, _, _) => reader.Push(data);
    recorder.RecordingStopped += (_, e) => reader.Stop(e.Exception);
    recorder.StartRecording();
    return reader;
}

using GenreStream.Model.Softmax;
using GenreStream.Streaming;
using GenreStream.Streaming.Audio;
using GenreStream.Streaming.Classification;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;
using NAudio.Wave;

namespace GenreStream.NAudio;

/// <summary>
/// The genre stream from what an NAudio application already has: an <see cref="ISampleProvider"/> or
/// <see cref="IWaveProvider"/> (a file reader, a player's chain, a generator) or a recording <see cref="IWaveIn"/>.
/// </summary>
/// <example>
/// <code>
/// using var file = new AudioFileReader("song.wav");
/// var result = file.ClassifyGenre(GenreModel.LoadBundled());          // a finite provider, classified whole
/// file.ToGenreStream(GenreModel.LoadBundled()).Subscribe(p => …);     // or every 1.5 s step, as heard
/// </code>
/// </example>
public static class NAudioGenreExtensions
{
    /// <summary><paramref name="provider"/> as the genre stream's reader (the provider is read, never copied whole).</summary>
    public static ISampleReader ToSampleReader(this ISampleProvider provider) => new SampleProviderReader(provider);

    /// <summary>
    /// <paramref name="provider"/> as the genre stream's reader, through NAudio's own converters
    /// (PCM 8/16/24/32-bit or IEEE float, plain or WAVE_FORMAT_EXTENSIBLE).
    /// </summary>
    /// <exception cref="AudioFormatException">Another encoding (compressed audio must be decoded first).</exception>
    public static ISampleReader ToSampleReader(this IWaveProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider is ISampleProvider samples)
        {
            return new SampleProviderReader(samples);
        }

        try
        {
            return new SampleProviderReader(provider.ToSampleProvider(), provider as IDisposable);
        }
        catch (ArgumentException e)
        {
            throw new AudioFormatException($"cannot classify a wave provider of {provider.WaveFormat}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>
    /// A recording <paramref name="capture"/> (WASAPI, WaveIn) as a reader: its callbacks fill a bounded ring
    /// (<see cref="PushSampleReader"/>); recording starts now and stops when the reader is disposed.
    /// </summary>
    public static PushSampleReader ToSampleReader(this IWaveIn capture, double capacitySeconds = 2.0)
    {
        ArgumentNullException.ThrowIfNull(capture);
        PushSampleReader? reader = null;
        void OnData(object? sender, WaveInEventArgs e) => reader!.Push(e.BufferSpan);
        void OnStopped(object? sender, StoppedEventArgs e) => reader!.Stop(e.Exception);
        reader = new PushSampleReader(capture.WaveFormat, capacitySeconds, () =>
        {
            capture.DataAvailable -= OnData;
            capture.RecordingStopped -= OnStopped;
            capture.StopRecording();
        });
        capture.DataAvailable += OnData;
        capture.RecordingStopped += OnStopped;
        capture.StartRecording();
        return reader;
    }

    /// <summary>The audio blocks of <paramref name="provider"/> (read on subscription, on the subscribing thread).</summary>
    public static IObservable<AudioBlock> ToAudioBlocks(this ISampleProvider provider, int blockFrames = SampleReaderObservable.DefaultBlockFrames) =>
        SampleReaderObservable.Read(() => new SampleProviderReader(provider), blockFrames);

    /// <summary>The audio blocks of <paramref name="provider"/> (read on subscription, on the subscribing thread).</summary>
    public static IObservable<AudioBlock> ToAudioBlocks(this IWaveProvider provider, int blockFrames = SampleReaderObservable.DefaultBlockFrames) =>
        SampleReaderObservable.Read(provider.ToSampleReader, blockFrames);

    /// <summary>
    /// The genre stream of <paramref name="provider"/>: one <see cref="TrackedPrediction"/> per classification step
    /// (1.5 s of audio), with smoothing, hysteresis and silence as <paramref name="tracking"/> says (default: the
    /// steady preset's defaults), on audio time.
    /// </summary>
    public static IObservable<TrackedPrediction> ToGenreStream(this ISampleProvider provider, SoftmaxModel model, TrackingOptions? tracking = null) =>
        provider.ToAudioBlocks().PredictTracked(model, tracking ?? TrackingOptions.Default);

    /// <inheritdoc cref="ToGenreStream(ISampleProvider, SoftmaxModel, TrackingOptions?)"/>
    public static IObservable<TrackedPrediction> ToGenreStream(this IWaveProvider provider, SoftmaxModel model, TrackingOptions? tracking = null) =>
        provider.ToAudioBlocks().PredictTracked(model, tracking ?? TrackingOptions.Default);

    /// <summary>Classifies the whole of a finite <paramref name="provider"/> (read to its end) as <c>genre classify</c> does.</summary>
    /// <exception cref="AudioFormatException">Less than <see cref="ClipClassifier.MinimumSeconds"/> of audio.</exception>
    public static ClipResult ClassifyGenre(this ISampleProvider provider, SoftmaxModel model, TrackingOptions? tracking = null) =>
        ClipClassifier.Classify(provider.ToAudioBlocks(), model, tracking ?? TrackingOptions.Default, timeline: false);

    /// <inheritdoc cref="ClassifyGenre(ISampleProvider, SoftmaxModel, TrackingOptions?)"/>
    public static ClipResult ClassifyGenre(this IWaveProvider provider, SoftmaxModel model, TrackingOptions? tracking = null) =>
        ClipClassifier.Classify(provider.ToAudioBlocks(), model, tracking ?? TrackingOptions.Default, timeline: false);
}

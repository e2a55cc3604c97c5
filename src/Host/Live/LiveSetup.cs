using GenreStream.Model.Softmax;
using GenreStream.Streaming.Sources;
using GenreStream.Streaming.Tracking;

namespace GenreStream.Host.Live;

/// <summary>What a live session runs with, whoever starts it (<c>genre listen</c>, <c>genre serve</c>, a test).</summary>
/// <param name="Model">The model.</param>
/// <param name="Tracking">Smoothing, hysteresis, silence and unknown.</param>
/// <param name="Raw">The format of raw PCM on standard input; needed only for <see cref="SourceSpec.StandardInput"/>.</param>
/// <param name="OpenStandardInput">Opens standard input as a binary stream (for <c>-</c>).</param>
/// <param name="Clock">Stamps every event with its wall-clock <see cref="LiveEvent.Timestamp"/>; the system clock when null.</param>
internal sealed record LiveSetup(SoftmaxModel Model, TrackingOptions Tracking, RawInput? Raw, Func<Stream> OpenStandardInput, TimeProvider? Clock = null);
